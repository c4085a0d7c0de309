package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.BootstrapService;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code helm install kafka charts/kafka-ha -n kafka} with the default values, as the seed installs its chart: the
 * operator with least-privilege RBAC, and a KafkaCluster the operator accepts and turns into an HA cluster.
 */
class ChartDefaultsTest {
    private static final String RELEASE = "kafka";
    private static final String NAMESPACE = "streaming";
    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = KafkaHaChart.render(RELEASE, NAMESPACE, "");
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(KafkaHaChart.DIR).lint().strict().call();

        assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
        // Helm's only remark is that a chart may have an icon; nothing at WARNING or ERROR.
        assertThat(lint.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
    }

    @Test
    void installsTheOperatorAndOneClusterNamedAfterTheRelease() {
        assertThat(chart.kindsAndNames()).containsExactlyInAnyOrder(
                "ServiceAccount/streaming/kafka-operator",
                "Role/streaming/kafka-operator",
                "RoleBinding/streaming/kafka-operator",
                "Deployment/streaming/kafka-operator",
                "KafkaCluster/streaming/kafka",
                "Pod/streaming/kafka-helm-test");
    }

    @Test
    void theClusterIsTheSeedsThreeByThreeOnPersistentVolumesOfTheDefaultClass() {
        KafkaCluster cluster = chart.only(KafkaCluster.class);
        KafkaClusterSpec spec = cluster.getSpec();

        assertThat(spec.getVersion()).isEqualTo(KafkaClusterSpec.DEFAULT_VERSION);
        assertThat(spec.getImage()).isNull();
        assertThat(spec.getControllers().getReplicas()).isEqualTo(3);
        assertThat(spec.getControllers().getStorage().getSize()).isEqualTo("1Gi");
        assertThat(spec.getBrokers().getReplicas()).isEqualTo(3);
        assertThat(spec.getBrokers().getStorage().getSize()).isEqualTo("10Gi");
        assertThat(spec.getBrokers().getStorage().getStorageClassName()).isNull();
        assertThat(spec.getBrokers().getConfig()).isNull();
        assertThat(spec.getTemplate()).as("kafka-ha's own spreading applies").isNull();
        assertThat(KafkaClusterSpecs.validate(cluster).problems()).isEmpty();

        // What the operator makes of it: volumes from the default class (dynamic provisioning), and the seed's
        // bootstrap address kafka:9092.
        DesiredCluster desired = DesiredCluster.of(cluster, "test-cluster-id");
        for (NodeRole role : NodeRole.values()) {
            StatefulSet set = NodeStatefulSet.desired(desired, role);
            assertThat(set.getSpec().getReplicas()).isEqualTo(3);
            assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement()
                    .satisfies(claim -> assertThat(claim.getSpec().getStorageClassName()).isNull());
        }
        Service bootstrap = BootstrapService.desired(desired);
        assertThat(bootstrap.getMetadata().getName()).isEqualTo("kafka");
        assertThat(bootstrap.getSpec().getPorts()).extracting(port -> port.getPort()).containsExactly(9092);
    }

    @Test
    void theOperatorRunsAloneAsNonRootWithItsProbesOnTheHealthPort() {
        Deployment deployment = chart.get(Deployment.class, "kafka-operator");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getServiceAccountName()).isEqualTo("kafka-operator");
        assertThat(operator.getImage()).isEqualTo("ghcr.io/kafka-ha/kafka-ha:" + ChartFacts.appVersion());
        assertThat(operator.getArgs()).containsExactly("operator", "--health-port", "8080", "--namespace", NAMESPACE);
        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("health");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("health");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getVolumeMounts()).extracting(mount -> mount.getMountPath()).containsExactly("/tmp");
        assertThat(env(operator).get("JAVA_OPTS")).contains("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    }

    @Test
    void theHelmTestPodVerifiesTheClustersBootstrapAddress() {
        Pod test = chart.get(Pod.class, "kafka-helm-test");
        Container verify = test.getSpec().getContainers().get(0);

        assertThat(test.getMetadata().getAnnotations()).containsEntry(KafkaHaChart.TEST_HOOK_MARK, "test");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(test.getSpec().getActiveDeadlineSeconds()).isEqualTo(240L + 20 + 180);
        assertThat(verify.getImage()).isEqualTo(chart.get(Deployment.class, "kafka-operator").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
        assertThat(verify.getCommand()).hasSize(3).startsWith("sh", "-c");
        assertThat(verify.getCommand().get(2)).contains("kafka-ha verify").contains("--strict");
        assertThat(env(verify)).containsEntry("BOOTSTRAP", "kafka." + NAMESPACE + ".svc:9092")
                .containsEntry("TOPIC", "kafka-ha-helm-test")
                .containsEntry("DURATION_SECONDS", "20")
                .containsEntry("RATE", "50")
                .containsEntry("WAIT_SECONDS", "240");
    }

    @Test
    void notesSayHowToWatchTestAndUseTheCluster() {
        String notes = KafkaHaChart.notes(RELEASE, NAMESPACE, "");

        assertThat(notes)
                .contains("KafkaCluster kafka: 3 KRaft controllers and 3 brokers of Kafka 4.4.0")
                .contains("kubectl -n streaming wait kafkacluster/kafka --for=condition=Ready")
                .contains("kafka.streaming.svc:9092")
                .contains("helm test kafka -n streaming --logs")
                .contains("--command -- sh")
                .contains("kafka-ha topic create messages --partitions 1 --replication-factor 3 -b kafka:9092")
                .contains("volumes, and so its data, are kept")
                .doesNotContain("WARNING");
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
