package io.kafkaha.operator.reconciler;

import static io.kafkaha.operator.reconciler.ClusterUser.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ResourceNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One bad KafkaCluster never stops the operator or holds up the others: a spec the operator cannot read (the mock
 * API server, like a CRD older or newer than the operator, does not check it against the schema) is reported on
 * that cluster and skipped; a reconciliation that fails says so on its cluster in one line.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterIsolationTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();
    private static final String UNREADABLE = "unreadable";

    KubernetesMockServer server;
    KubernetesClient client;
    private FakeStatefulSetController statefulSets;
    private Operator operator;

    @BeforeEach
    void installCrd() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void anUnreadableClusterIsReportedAndSkippedWhileTheOthersAreReconciled() {
        rawCluster(UNREADABLE).create(rawCluster(UNREADABLE, Map.of("brokers", Map.of("replicas", "three"))));
        // A status of another operator version: read as none, and written anew.
        GenericKubernetesResource oddStatus = rawCluster("odd-status").create(rawCluster("odd-status", Map.of()));
        oddStatus.setAdditionalProperty("status", Map.of("readyBrokers", "many"));
        client.genericKubernetesResources(KafkaCluster.GROUP + "/" + KafkaCluster.VERSION, "KafkaCluster")
                .resource(oddStatus).updateStatus();
        assertThat(rawCluster("odd-status").get().getAdditionalProperties().get("status"))
                .isEqualTo(Map.of("readyBrokers", "many"));
        ClusterUser good = new ClusterUser(client, "kafka");
        ClusterUser unreadable = new ClusterUser(client, UNREADABLE);

        operator = MockApiOperator.start(client, new TestClock());
        good.create(good.seed());

        good.awaitReady(3, 3);
        new ClusterUser(client, "odd-status").awaitReady(3, 3);
        await().atMost(ClusterUser.TIMEOUT).until(() -> unreadable.current().getStatus() != null);
        Condition ready = readyCondition(unreadable.current().getStatus());
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
        assertThat(ready.getMessage()).isEqualTo("spec refused, nothing was changed on the running cluster:"
                + " spec.brokers.replicas: \"three\" cannot be read as a whole number; correct the field, and check"
                + " that the installed KafkaCluster CRD is the one of this kafka-ha release (its schema refuses such"
                + " values)");
        unreadable.awaitEvent(ClusterEvents.SPEC_REFUSED);
        assertThat(events(UNREADABLE)).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getMessage()).contains("spec.brokers.replicas: \"three\" cannot be read");
        });
        assertThat(ownedObjects(UNREADABLE)).as("nothing made for a spec that cannot be read").isEmpty();
        assertThat(rawCluster(UNREADABLE).get().getAdditionalProperties().get("spec"))
                .as("the status patch leaves the spec as the user wrote it")
                .isEqualTo(Map.of("brokers", Map.of("replicas", "three")));

        setRawSpec(UNREADABLE, Map.of("brokers", Map.of("replicas", 3)));
        unreadable.awaitReady(3, 3);
        good.edit(spec -> spec.getBrokers().setReplicas(4));
        good.awaitReady(3, 4);
    }

    @Test
    void aRunningClusterWhoseSpecBecomesUnreadableKeepsRunningAsLastApplied() {
        ClusterUser running = new ClusterUser(client, "kafka");
        operator = MockApiOperator.start(client, new TestClock());
        running.create(running.seed());
        running.awaitReady(3, 3);
        String brokers = ResourceNames.statefulSet("kafka", NodeRole.BROKER);
        String brokersVersion = client.apps().statefulSets().withName(brokers).get().getMetadata()
                .getResourceVersion();

        setRawSpec("kafka", Map.of("brokers", Map.of("replicas", "four")));

        await().atMost(ClusterUser.TIMEOUT).until(() -> readyCondition(running.current().getStatus()).getMessage()
                .contains("spec.brokers.replicas: \"four\" cannot be read as a whole number"));
        assertThat(readyCondition(running.current().getStatus()).getReason())
                .isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
        assertThat(running.current().getStatus().getReadyBrokers()).isEqualTo(3);
        assertThat(client.apps().statefulSets().withName(brokers).get().getMetadata().getResourceVersion())
                .isEqualTo(brokersVersion);
        ClusterUser other = new ClusterUser(client, "other");
        other.create(other.seed());
        other.awaitReady(3, 3);

        setRawSpec("kafka", Map.of("brokers", Map.of("replicas", 4)));
        running.awaitReady(3, 4);
    }

    @Test
    void aFailedReconciliationSaysWhatFailedInOneLine() {
        String namespace = client.getNamespace();
        ClusterUser broken = new ClusterUser(client, "broken");
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(ResourceNames.clusterId("broken"))
                .endMetadata().build()).create();
        // The API server refuses the StatefulSets of one namespace, as it would an invalid or forbidden object.
        server.expect().post().withPath("/apis/apps/v1/namespaces/refusing/statefulsets")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage(
                        "StatefulSet.apps \"kafka-broker\" is invalid: spec.template: Invalid value: \"x\"").build())
                .always();
        KafkaCluster refused = new ClusterUser(client, "kafka").seed();
        refused.getMetadata().setNamespace("refusing");

        operator = MockApiOperator.start(client, new TestClock());
        broken.create(broken.seed());
        client.resource(refused).create();

        assertThat(failure(() -> broken.current())).isEqualTo("ConfigMap " + namespace + "/"
                + ResourceNames.clusterId("broken") + " has no cluster.id; add the cluster's id under cluster.id, or"
                + " delete the ConfigMap if no volume was ever formatted (" + ReconcileFailure.RETRY + ")");
        assertThat(failure(() -> client.resources(KafkaCluster.class).inNamespace("refusing").withName("kafka").get()))
                .startsWith("statefulsets")
                .contains("StatefulSet.apps \"kafka-broker\" is invalid: spec.template: Invalid value: \"x\""
                        + " (HTTP 422)")
                .endsWith("(" + ReconcileFailure.RETRY + ")")
                .doesNotContain("\n", "Exception", " at io.");
    }

    /** The Ready message once the cluster's reconciliation has failed. */
    private static String failure(java.util.function.Supplier<KafkaCluster> cluster) {
        await().atMost(ClusterUser.TIMEOUT).until(() -> cluster.get().getStatus() != null
                && ClusterStatusAggregator.RECONCILE_FAILED.equals(readyCondition(cluster.get().getStatus())
                        .getReason()));
        return readyCondition(cluster.get().getStatus()).getMessage();
    }

    /** The cluster as raw JSON, bypassing the KafkaCluster class, as a client with another schema would see it. */
    private Resource<GenericKubernetesResource> rawCluster(String name) {
        return client.genericKubernetesResources(KafkaCluster.GROUP + "/" + KafkaCluster.VERSION, "KafkaCluster")
                .inNamespace(client.getNamespace()).withName(name);
    }

    private void setRawSpec(String name, Map<String, Object> spec) {
        rawCluster(name).edit(cluster -> {
            cluster.setAdditionalProperty("spec", spec);
            return cluster;
        });
    }

    private static GenericKubernetesResource rawCluster(String name, Map<String, Object> spec) {
        GenericKubernetesResource cluster = new GenericKubernetesResource();
        cluster.setApiVersion(KafkaCluster.GROUP + "/" + KafkaCluster.VERSION);
        cluster.setKind("KafkaCluster");
        cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        cluster.setAdditionalProperty("spec", spec);
        return cluster;
    }

    private List<Event> events(String name) {
        return client.v1().events().inNamespace(client.getNamespace()).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    private List<HasMetadata> ownedObjects(String name) {
        return java.util.stream.Stream.of(
                        client.apps().statefulSets().withName(ResourceNames.statefulSet(name, NodeRole.BROKER)).get(),
                        client.apps().statefulSets().withName(ResourceNames.statefulSet(name, NodeRole.CONTROLLER))
                                .get(),
                        client.configMaps().withName(ResourceNames.configMap(name)).get(),
                        client.configMaps().withName(ResourceNames.clusterId(name)).get(),
                        client.services().withName(ResourceNames.bootstrapService(name)).get())
                .<HasMetadata>map(o -> o).filter(java.util.Objects::nonNull).toList();
    }
}
