package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeStatefulSetTest {
    private final DesiredCluster seed = Clusters.desiredSeed();

    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void isARoleStatefulSetOfIndependentlyStartedPodsRestartedByTheOperator(NodeRole role) {
        StatefulSet statefulSet = NodeStatefulSet.desired(seed, role);
        assertThat(statefulSet.getMetadata().getName()).isEqualTo("kafka-" + role.label());
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo("prod");
        assertThat(statefulSet.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("kafka-" + role.label() + "s");
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(statefulSet.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
        assertThat(statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
                .isEqualTo("Retain");
        assertThat(statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
                .isEqualTo("Retain");
    }

    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void selectorMatchesThePodsAndOnlyThisRolesPods(NodeRole role) {
        StatefulSet statefulSet = NodeStatefulSet.desired(seed, role);
        Map<String, String> selector = statefulSet.getSpec().getSelector().getMatchLabels();
        assertThat(selector).isEqualTo(Map.of("app.kubernetes.io/name", "kafka",
                "app.kubernetes.io/instance", "kafka", "app.kubernetes.io/component", role.label()));
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selector)
                .containsEntry("app.kubernetes.io/managed-by", "kafka-ha");
        NodeRole other = role == NodeRole.BROKER ? NodeRole.CONTROLLER : NodeRole.BROKER;
        assertThat(NodeStatefulSet.desired(seed, other).getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainEntry("app.kubernetes.io/component", role.label());
    }

    @Test
    void volumeClaimTemplateHasTheRolesSizeAndNoClassByDefault() {
        PersistentVolumeClaim broker = claim(seed, NodeRole.BROKER);
        assertThat(broker.getMetadata().getName()).isEqualTo("data");
        assertThat(broker.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(broker.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(broker.getSpec().getStorageClassName()).isNull();
        assertThat(claim(seed, NodeRole.CONTROLLER).getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("1Gi"));
        // Absent, not "": the cluster's default class provisions it.
        assertThat(Serialization.asYaml(NodeStatefulSet.desired(seed, NodeRole.BROKER)))
                .doesNotContain("storageClassName");
    }

    @Test
    void volumeClaimTemplateTakesTheGivenClassAndTreatsEmptyAsDefault() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, new StorageSpec("100Gi", "fast-ssd")));
        spec.setControllers(new ControllersSpec(3, new StorageSpec("2Gi", "")));
        DesiredCluster cluster = Clusters.desired(Clusters.withSpec(spec));
        assertThat(claim(cluster, NodeRole.BROKER).getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim(cluster, NodeRole.BROKER).getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("100Gi"));
        assertThat(claim(cluster, NodeRole.CONTROLLER).getSpec().getStorageClassName()).isNull();
        assertThat(Serialization.asYaml(NodeStatefulSet.desired(cluster, NodeRole.CONTROLLER)))
                .doesNotContain("storageClassName");
    }

    @Test
    void volumesAreDeletedWithTheClusterOnlyWhenTheSpecAsks() {
        StorageSpec deleted = new StorageSpec("100Gi", null);
        deleted.setDeleteClaimsWithCluster(true);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, deleted));
        DesiredCluster cluster = Clusters.desired(Clusters.withSpec(spec));
        var brokers = NodeStatefulSet.desired(cluster, NodeRole.BROKER).getSpec();
        assertThat(brokers.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
        // Scaling down never deletes data: a broker scaled away may still hold the only copy of a partition.
        assertThat(brokers.getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertThat(NodeStatefulSet.desired(cluster, NodeRole.CONTROLLER).getSpec()
                .getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    }

    @Test
    void ephemeralBrokersKeepTheirDataInAnEmptyDirOfTheSizeInsteadOfAClaim() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, StorageSpec.ephemeral("5Gi")));
        DesiredCluster cluster = Clusters.desired(Clusters.withSpec(spec));
        StatefulSet brokers = NodeStatefulSet.desired(cluster, NodeRole.BROKER);

        assertThat(brokers.getSpec().getVolumeClaimTemplates()).isEmpty();
        assertThat(brokers.getSpec().getPersistentVolumeClaimRetentionPolicy()).isNull();
        assertThat(Serialization.asYaml(brokers)).doesNotContain("volumeClaimTemplates", "RetentionPolicy");
        Volume data = brokers.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals("data")).findFirst().orElseThrow();
        assertThat(data.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("5Gi"));
        assertThat(data.getEmptyDir().getMedium()).as("the node's disk, not memory").isNull();
        assertThat(container(cluster, NodeRole.BROKER).getVolumeMounts())
                .filteredOn(mount -> mount.getName().equals("data")).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/var/lib/kafka/data"));
        // The controllers keep their persistent volumes.
        assertThat(claim(cluster, NodeRole.CONTROLLER).getMetadata().getName()).isEqualTo("data");
    }

    @Test
    void ephemeralBrokersDifferFromPersistentOnesInTheDataVolumeOnly() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, StorageSpec.ephemeral("10Gi")));
        StatefulSet ephemeral = NodeStatefulSet.desired(Clusters.desired(Clusters.withSpec(spec)), NodeRole.BROKER);
        StatefulSet persistent = NodeStatefulSet.desired(seed, NodeRole.BROKER);

        ephemeral.getSpec().getTemplate().getSpec().getVolumes().removeIf(volume -> volume.getName().equals("data"));
        ephemeral.getSpec().setVolumeClaimTemplates(persistent.getSpec().getVolumeClaimTemplates());
        ephemeral.getSpec().setPersistentVolumeClaimRetentionPolicy(
                persistent.getSpec().getPersistentVolumeClaimRetentionPolicy());
        assertThat(ephemeral).isEqualTo(persistent);
    }

    @Test
    void replicasComeFromTheSpec() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(5, null));
        spec.setControllers(new ControllersSpec(1, null));
        DesiredCluster cluster = Clusters.desired(Clusters.withSpec(spec));
        assertThat(NodeStatefulSet.desired(cluster, NodeRole.BROKER).getSpec().getReplicas()).isEqualTo(5);
        assertThat(NodeStatefulSet.desired(cluster, NodeRole.CONTROLLER).getSpec().getReplicas()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void runsTheStartScriptInTheOfficialImage(NodeRole role) {
        Container container = container(seed, role);
        assertThat(container.getImage()).isEqualTo("apache/kafka:" + KafkaClusterSpec.DEFAULT_VERSION);
        assertThat(container.getCommand()).containsExactly("sh", "/etc/kafka-ha/start-kafka.sh");
        assertThat(container.getArgs()).isEmpty();
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setImage("registry.example.com/kafka:4.4.0");
        assertThat(container(Clusters.desired(Clusters.withSpec(spec)), role).getImage())
                .isEqualTo("registry.example.com/kafka:4.4.0");
    }

    @Test
    void envBindsThePodNameFirstSoTheAdvertisedHostCanReferToIt() {
        List<EnvVar> env = container(seed, NodeRole.BROKER).getEnv();
        EnvVar first = env.get(0);
        assertThat(first.getName()).isEqualTo(StartScript.NODE_NAME);
        assertThat(first.getValue()).as("empty, for JOSDK's comparison: NodeStatefulSet.podName").isEmpty();
        assertThat(first.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(value(env, StartScript.ADVERTISED_HOST)).isEqualTo("$(KAFKA_HA_NODE_NAME).kafka-brokers.prod.svc");
        assertThat(value(env, StartScript.ROLE)).isEqualTo("broker");
        assertThat(value(env, StartScript.CLUSTER_ID)).isEqualTo(Clusters.CLUSTER_ID);
        assertThat(value(env, StartScript.CLIENT_PORT)).isEqualTo("9092");
        assertThat(value(env, StartScript.REPLICATION_PORT)).isEqualTo("9091");
        assertThat(value(env, StartScript.CONFIG_DIR)).isEqualTo("/etc/kafka-ha");
        assertThat(value(env, StartScript.WORK_DIR)).isEqualTo("/tmp/kafka-ha");
        assertThat(value(env, StartScript.DATA_DIR)).isEqualTo("/var/lib/kafka/data");
        assertThat(value(env, StartScript.KAFKA_HOME)).isEqualTo("/opt/kafka");
        assertThat(value(env, "LOG_DIR")).isEqualTo("/opt/kafka/logs");
        assertThat(env).extracting(EnvVar::getName).doesNotHaveDuplicates().doesNotContain("KAFKA_HEAP_OPTS");
        assertThat(value(container(seed, NodeRole.CONTROLLER).getEnv(), StartScript.ADVERTISED_HOST))
                .isEqualTo("$(KAFKA_HA_NODE_NAME).kafka-controllers.prod.svc");
    }

    @Test
    void resourcesComeFromTheSpecAndSizeTheHeap() {
        var resources = new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("2Gi")).addToRequests("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("4Gi")).build();
        BrokersSpec brokers = new BrokersSpec();
        brokers.setResources(resources);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(brokers);
        DesiredCluster cluster = Clusters.desired(Clusters.withSpec(spec));
        Container broker = container(cluster, NodeRole.BROKER);
        assertThat(broker.getResources()).isEqualTo(resources).isNotSameAs(resources);
        assertThat(value(broker.getEnv(), "KAFKA_HEAP_OPTS")).isEqualTo("-Xms2048m -Xmx2048m");
        assertThat(container(cluster, NodeRole.CONTROLLER).getResources()).isNull();
        assertThat(container(cluster, NodeRole.CONTROLLER).getEnv()).extracting(EnvVar::getName)
                .doesNotContain("KAFKA_HEAP_OPTS");
    }

    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void everyMountHasAVolumeAndEveryWritablePlaceIsAVolume(NodeRole role) {
        StatefulSet statefulSet = NodeStatefulSet.desired(seed, role);
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        statefulSet.getSpec().getVolumeClaimTemplates().forEach(claim -> volumes.add(claim.getMetadata().getName()));
        List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts();
        assertThat(mounts).extracting(VolumeMount::getName).allMatch(volumes::contains).doesNotHaveDuplicates();
        assertThat(volumes).hasSize(mounts.size());

        Map<String, VolumeMount> byPath = mounts.stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, mount -> mount));
        assertThat(byPath.get("/etc/kafka-ha").getName()).isEqualTo("config");
        assertThat(byPath.get("/etc/kafka-ha").getReadOnly()).isTrue();
        assertThat(byPath.get("/var/lib/kafka/data").getName()).isEqualTo("data");
        // The root filesystem is read-only: whatever the script, Kafka or the JVM write is under a writable mount.
        List<EnvVar> env = pod.getContainers().get(0).getEnv();
        for (String writable : List.of(value(env, StartScript.WORK_DIR), value(env, StartScript.DATA_DIR),
                value(env, "LOG_DIR"), "/tmp")) {
            assertThat(mounts).as(writable).anySatisfy(mount -> {
                assertThat(writable.equals(mount.getMountPath()) || writable.startsWith(mount.getMountPath() + "/"))
                        .isTrue();
                assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            });
        }
        assertThat(pod.getVolumes()).filteredOn(volume -> !volume.getName().equals("config"))
                .allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    }

    @ParameterizedTest
    @EnumSource(NodeRole.class)
    void runsRestrictedAsKafkasUserWithAWritableVolume(NodeRole role) {
        PodSpec pod = NodeStatefulSet.desired(seed, role).getSpec().getTemplate().getSpec();
        var podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(1000L);
        assertThat(podSecurity.getFsGroup()).isEqualTo(1000L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var security = pod.getContainers().get(0).getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(security.getPrivileged()).isNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(120L);
    }

    @Test
    void portsAndProbesAreTheRolesListeners() {
        Container broker = container(seed, NodeRole.BROKER);
        assertThat(broker.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactly("client:9092", "replication:9091");
        for (var probe : List.of(broker.getReadinessProbe(), broker.getStartupProbe(), broker.getLivenessProbe())) {
            assertThat(probe.getTcpSocket().getPort().getStrVal()).isEqualTo("client");
            assertThat(probe.getExec()).isNull();
        }
        Container controller = container(seed, NodeRole.CONTROLLER);
        assertThat(controller.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactly("controller:9093");
        for (var probe : List.of(controller.getReadinessProbe(), controller.getStartupProbe(),
                controller.getLivenessProbe())) {
            assertThat(probe.getTcpSocket().getPort().getStrVal()).isEqualTo("controller");
        }
        // Startup may take long (log recovery); afterwards a lost listener is noticed within about a minute.
        assertThat(broker.getStartupProbe().getFailureThreshold() * broker.getStartupProbe().getPeriodSeconds())
                .isGreaterThanOrEqualTo(3600);
        assertThat(broker.getLivenessProbe().getFailureThreshold() * broker.getLivenessProbe().getPeriodSeconds())
                .isLessThanOrEqualTo(120);
    }

    private static PersistentVolumeClaim claim(DesiredCluster cluster, NodeRole role) {
        return NodeStatefulSet.desired(cluster, role).getSpec().getVolumeClaimTemplates().get(0);
    }

    static Container container(DesiredCluster cluster, NodeRole role) {
        List<Container> containers = NodeStatefulSet.desired(cluster, role).getSpec().getTemplate().getSpec()
                .getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static String value(List<EnvVar> env, String name) {
        return env.stream().filter(var -> var.getName().equals(name)).findFirst()
                .map(EnvVar::getValue).orElseThrow(() -> new AssertionError(name + " is not set"));
    }
}
