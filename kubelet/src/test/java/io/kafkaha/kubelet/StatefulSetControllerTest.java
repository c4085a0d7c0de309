package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import io.kafkaha.operator.StatefulSetPod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The StatefulSet controller's part of the kubelet, pass by pass, against the CRUD mock API server. */
@EnableKubernetesMockClient(crud = true)
class StatefulSetControllerTest {
    KubernetesClient client;
    private final Set<String> terminating = new HashSet<>();
    private StatefulSetController controller;
    private String namespace;

    @BeforeEach
    void controller() {
        namespace = client.getNamespace();
        controller = new StatefulSetController(client, terminating::contains);
    }

    @Test
    void createsEachPodAtTheTemplatesRevisionWithItsIdentityAndClaims() {
        StatefulSet set = client.resource(brokers(Map.of())).create();

        StatefulSetStatus status = pass();

        String revision = StatefulSetPod.revision(stored());
        assertThat(revision).startsWith("kafka-broker-").isEqualTo(StatefulSetPod.revision(set));
        assertThat(pods()).extracting(pod -> pod.getMetadata().getName())
                .containsExactlyInAnyOrder("kafka-broker-0", "kafka-broker-1", "kafka-broker-2");
        Pod pod = client.pods().inNamespace(namespace).withName("kafka-broker-1").get();
        assertThat(pod.getMetadata().getLabels()).containsEntry(StatefulSetPod.REVISION_LABEL, revision)
                .containsEntry(StatefulSetPod.POD_NAME_LABEL, "kafka-broker-1");
        assertThat(StatefulSetPod.dnsName(pod)).isEqualTo("kafka-broker-1.kafka-brokers." + namespace + ".svc");
        assertThat(pod.getSpec().getVolumes()).filteredOn(volume -> volume.getPersistentVolumeClaim() != null)
                .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName())
                .containsExactly("data-kafka-broker-1");
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("data-kafka-broker-1").get())
                .isNotNull();
        assertThat(status.getUpdateRevision()).isEqualTo(revision);
        assertThat(status.getCurrentRevision()).isEqualTo(revision);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getCurrentReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isZero();
        assertThat(status.getObservedGeneration()).isEqualTo(stored().getMetadata().getGeneration());
    }

    @Test
    void aPassWithNothingNewWritesNothing() {
        client.resource(brokers(Map.of())).create();
        pass();
        String version = stored().getMetadata().getResourceVersion();

        pass();

        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void countsReadyPods() {
        client.resource(brokers(Map.of())).create();
        pass();
        Pod pod = client.pods().inNamespace(namespace).withName("kafka-broker-0").get();
        pod.setStatus(new PodStatusBuilder().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .build());
        client.resource(pod).updateStatus();

        assertThat(pass().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aTemplateChangeIsANewUpdateRevisionButRunningPodsKeepTheirs() {
        client.resource(brokers(Map.of())).create();
        String old = pass().getUpdateRevision();

        client.resource(brokers(Map.of("log.retention.ms", "3600000"))).update();
        StatefulSetStatus status = pass();

        assertThat(status.getUpdateRevision()).isNotEqualTo(old).isEqualTo(StatefulSetPod.revision(stored()));
        assertThat(status.getCurrentRevision()).isEqualTo(old);
        assertThat(status.getUpdatedReplicas()).isZero();
        assertThat(status.getCurrentReplicas()).isEqualTo(3);
        assertThat(pods()).allSatisfy(pod ->
                assertThat(pod.getMetadata().getLabels()).containsEntry(StatefulSetPod.REVISION_LABEL, old));

        // A deleted pod comes back at the update revision, once its container has stopped.
        client.pods().inNamespace(namespace).withName("kafka-broker-2").delete();
        terminating.add("kafka-broker-2");
        pass();
        assertThat(client.pods().inNamespace(namespace).withName("kafka-broker-2").get()).isNull();
        terminating.clear();
        status = pass();
        assertThat(client.pods().inNamespace(namespace).withName("kafka-broker-2").get().getMetadata().getLabels())
                .containsEntry(StatefulSetPod.REVISION_LABEL, status.getUpdateRevision());
        assertThat(status.getUpdatedReplicas()).isEqualTo(1);
        assertThat(status.getCurrentReplicas()).isEqualTo(2);
        assertThat(status.getCurrentRevision()).isEqualTo(old);
    }

    @Test
    void removesPodsAboveTheReplicas() {
        client.resource(brokers(Map.of())).create();
        pass();
        StatefulSet smaller = stored();
        smaller.getSpec().setReplicas(2);
        client.resource(smaller).update();

        StatefulSetStatus status = pass();

        assertThat(pods()).extracting(pod -> pod.getMetadata().getName())
                .containsExactlyInAnyOrder("kafka-broker-0", "kafka-broker-1");
        assertThat(status.getReplicas()).isEqualTo(2);
    }

    private StatefulSetStatus pass() {
        for (StatefulSet set : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            controller.sync(set);
        }
        return stored().getStatus();
    }

    private StatefulSet stored() {
        return client.apps().statefulSets().inNamespace(namespace).withName("kafka-broker").get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(namespace).list().getItems();
    }

    private StatefulSet brokers(Map<String, String> config) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("kafka").withNamespace(namespace).build());
        cluster.setSpec(spec);
        spec.setBrokers(new io.kafkaha.api.v1beta1.BrokersSpec());
        spec.getBrokers().setConfig(config);
        return NodeStatefulSet.desired(DesiredCluster.of(cluster, "q1Sh-9_ISia_zwGINzRvyQ"), NodeRole.BROKER);
    }
}
