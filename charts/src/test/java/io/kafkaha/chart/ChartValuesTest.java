package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ClusterConfigMap;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Value combinations a platform engineer would set, each rendered by Helm and read back as the API server and
 * the operator will read it: the KafkaCluster spec must be what the values asked for, valid for the operator,
 * and reach the pods' StatefulSets and Kafka's properties.
 */
class ChartValuesTest {
    private static final String NAMESPACE = "data";

    @Test
    void productionValuesReachTheSpecTheStatefulSetsAndKafkasProperties() {
        RenderedChart chart = KafkaHaChart.render("events", NAMESPACE, """
                cluster: {name: orders}
                kafka: {version: "4.4.0", image: registry.example.com/mirror/kafka:4.4.0}
                controllers:
                  replicas: 5
                  persistence: {size: 2Gi, storageClass: fast-ssd}
                  resources: {requests: {cpu: 250m, memory: 1Gi}, limits: {memory: 1Gi}}
                brokers:
                  replicas: 4
                  persistence: {size: 100Gi, storageClass: fast-ssd, deleteClaimsWithCluster: true}
                  resources: {requests: {cpu: "2", memory: 8Gi}, limits: {memory: 8Gi}}
                  config:
                    num.partitions: 6
                    log.retention.ms: 604800000
                    log.cleaner.min.cleanable.ratio: 0.25
                    auto.create.topics.enable: false
                    compression.type: zstd
                scheduling:
                  nodeSelector: {node-pool: kafka}
                  tolerations: [{key: dedicated, operator: Equal, value: kafka, effect: NoSchedule}]
                  priorityClassName: high-priority
                  podLabels: {team: payments}
                  podAnnotations: {prometheus.io/scrape: "true"}
                """);
        KafkaCluster cluster = chart.only(KafkaCluster.class);
        KafkaClusterSpec spec = cluster.getSpec();

        assertThat(cluster.getMetadata().getName()).isEqualTo("orders");
        assertThat(cluster.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(spec.getImage()).isEqualTo("registry.example.com/mirror/kafka:4.4.0");
        assertThat(spec.getControllers().getReplicas()).isEqualTo(5);
        assertThat(spec.getControllers().getStorage().getSize()).isEqualTo("2Gi");
        assertThat(spec.getBrokers().getReplicas()).isEqualTo(4);
        assertThat(spec.getBrokers().getStorage().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(spec.getBrokers().getStorage().getDeleteClaimsWithCluster()).isTrue();
        assertThat(spec.getBrokers().getResources().getLimits()).containsEntry("memory", new Quantity("8Gi"));
        // Helm reads YAML numbers as floats; the chart writes them back as Kafka expects them.
        assertThat(spec.getBrokers().getConfig()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "num.partitions", "6",
                "log.retention.ms", "604800000",
                "log.cleaner.min.cleanable.ratio", "0.25",
                "auto.create.topics.enable", "false",
                "compression.type", "zstd"));
        assertThat(spec.getTemplate().getNodeSelector()).containsEntry("node-pool", "kafka");
        assertThat(spec.getTemplate().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getEffect()).isEqualTo("NoSchedule"));
        assertThat(spec.getTemplate().getPriorityClassName()).isEqualTo("high-priority");
        assertThat(KafkaClusterSpecs.validate(cluster).problems()).isEmpty();

        DesiredCluster desired = DesiredCluster.of(cluster, "test-cluster-id");
        StatefulSet brokers = NodeStatefulSet.desired(desired, NodeRole.BROKER);
        PodSpec pod = brokers.getSpec().getTemplate().getSpec();
        assertThat(brokers.getSpec().getReplicas()).isEqualTo(4);
        assertThat(brokers.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
            assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("100Gi"));
        });
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example.com/mirror/kafka:4.4.0");
        assertThat(pod.getNodeSelector()).containsEntry("node-pool", "kafka");
        assertThat(pod.getPriorityClassName()).isEqualTo("high-priority");
        assertThat(brokers.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(NodeStatefulSet.desired(desired, NodeRole.CONTROLLER).getSpec().getReplicas()).isEqualTo(5);
        assertThat(ClusterConfigMap.desired(desired).getData().get(ClusterNaming.roleConfigFile(NodeRole.BROKER)))
                .contains("log.retention.ms=604800000", "num.partitions=6", "log.cleaner.min.cleanable.ratio=0.25");
        assertThat(chart.get(Pod.class, "orders-helm-test").getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getValue()).isEqualTo("orders.data.svc:9092"));
    }

    @Test
    void brokersWithoutPersistenceKeepTheirLogInAnEmptyDirAndTheNotesWarn() {
        String values = """
                controllers: {replicas: 1}
                brokers: {replicas: 1, persistence: {enabled: false, size: 2Gi}}
                """;
        KafkaCluster cluster = KafkaHaChart.render("dev", NAMESPACE, values).only(KafkaCluster.class);

        assertThat(cluster.getSpec().getBrokers().getStorage().getEphemeral()).isTrue();
        assertThat(cluster.getSpec().getControllers().getStorage().getEphemeral()).isNull();
        assertThat(KafkaClusterSpecs.validate(cluster).problems()).isEmpty();
        StatefulSet brokers = NodeStatefulSet.desired(DesiredCluster.of(cluster, "id"), NodeRole.BROKER);
        assertThat(brokers.getSpec().getVolumeClaimTemplates()).isEmpty();
        assertThat(brokers.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getEmptyDir() != null && "data".equals(volume.getName()))
                .singleElement().satisfies(volume ->
                        assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi")));
        assertThat(KafkaHaChart.notes("dev", NAMESPACE, values)).contains("WARNING: brokers.persistence.enabled=false");
    }

    @Test
    void operatorOnlyWhenTheClusterIsDisabled() {
        RenderedChart chart = KafkaHaChart.render("kafka-ha", NAMESPACE, "cluster: {enabled: false}");

        assertThat(chart.all(KafkaCluster.class)).isEmpty();
        assertThat(chart.all(Pod.class)).as("no cluster to test").isEmpty();
        assertThat(chart.kindsAndNames()).contains("Deployment/data/kafka-ha-operator", "Role/data/kafka-ha-operator");
        assertThat(KafkaHaChart.notes("kafka-ha", NAMESPACE, "cluster: {enabled: false}"))
                .contains("No KafkaCluster was created").contains("kind: KafkaCluster");
    }

    @Test
    void watchedNamespacesGetARoleEachAndTheOperatorWatchesExactlyThem() {
        RenderedChart chart = KafkaHaChart.render("ops", "kafka-system", """
                cluster: {enabled: false}
                operator: {watchNamespaces: [team-a, team-b]}
                """);

        assertThat(chart.all(Role.class)).extracting(role -> role.getMetadata().getNamespace())
                .containsExactly("team-a", "team-b");
        assertThat(chart.all(RoleBinding.class)).allSatisfy(binding ->
                assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                    assertThat(subject.getName()).isEqualTo("ops-operator");
                    assertThat(subject.getNamespace()).isEqualTo("kafka-system");
                }));
        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(operator(chart).getArgs()).containsExactly("operator", "--health-port", "8080",
                "--namespace", "team-a", "--namespace", "team-b");
    }

    @Test
    void watchingAllNamespacesTakesAClusterRoleAndNoNamespaceFlag() {
        RenderedChart chart = KafkaHaChart.render("kafka", NAMESPACE, "operator: {watchAllNamespaces: true}");

        assertThat(chart.all(Role.class)).isEmpty();
        assertThat(chart.only(ClusterRole.class).getMetadata().getName()).isEqualTo("data-kafka-operator");
        ClusterRoleBinding binding = chart.only(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo("data-kafka-operator");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo(NAMESPACE));
        assertThat(operator(chart).getArgs()).containsExactly("operator", "--health-port", "8080");
        assertThat(KafkaHaChart.notes("kafka", NAMESPACE, "operator: {watchAllNamespaces: true}"))
                .contains("manages KafkaClusters in every namespace");
    }

    @Test
    void anExistingServiceAccountIsBoundInsteadOfANewOne() {
        RenderedChart chart = KafkaHaChart.render("kafka", NAMESPACE, """
                operator: {serviceAccount: {create: false, name: platform-kafka}}
                """);

        assertThat(chart.all(ServiceAccount.class)).isEmpty();
        assertThat(chart.get(Deployment.class, "kafka-operator").getSpec().getTemplate().getSpec()
                .getServiceAccountName()).isEqualTo("platform-kafka");
        assertThat(chart.only(RoleBinding.class).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("platform-kafka"));
    }

    @Test
    void operatorImageLogLevelAndPlacementComeFromValues() {
        RenderedChart chart = KafkaHaChart.render("kafka", NAMESPACE, """
                operator:
                  image: {repository: registry.example.com/kafka-ha, tag: "0.1.0-rc1", pullPolicy: Always}
                  imagePullSecrets: [{name: regcred}]
                  logLevel: debug
                  healthPort: 9090
                  nodeSelector: {node-pool: system}
                """);
        Deployment deployment = chart.get(Deployment.class, "kafka-operator");
        Container operator = operator(chart);

        assertThat(operator.getImage()).isEqualTo("registry.example.com/kafka-ha:0.1.0-rc1");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(operator.getArgs()).containsSequence("--health-port", "9090");
        assertThat(operator.getPorts().get(0).getContainerPort()).isEqualTo(9090);
        assertThat(ChartDefaultsTest.env(operator).get("JAVA_OPTS"))
                .contains("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets()).singleElement()
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("regcred"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("node-pool",
                "system");
        assertThat(chart.get(Pod.class, "kafka-helm-test").getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/kafka-ha:0.1.0-rc1");
    }

    private static Container operator(RenderedChart chart) {
        return chart.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
