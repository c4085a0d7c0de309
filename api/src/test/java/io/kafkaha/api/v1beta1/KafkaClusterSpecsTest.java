package io.kafkaha.api.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.InvalidSpecException;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaClusterSpecsTest {

    @Test
    void anEmptySpecIsTheSeedTopology() {
        ValidatedSpec validated = KafkaClusterSpecs.validate(cluster("kafka", new KafkaClusterSpec()));

        assertThat(validated.problems()).isEmpty();
        assertThat(validated.clusterSpec()).isEqualTo(ClusterSpec.seed("kafka"));
    }

    @Test
    void aResourceWithoutSpecIsTheSeedTopologyToo() {
        KafkaCluster cluster = cluster("events", null);

        assertThat(KafkaClusterSpecs.validate(cluster).clusterSpec()).isEqualTo(ClusterSpec.seed("events"));
        assertThat(cluster.getSpec()).as("validation applies defaults without writing them").isNull();
    }

    @Test
    void theExampleIsValidAndCarriesReplicasAndConfigToTheRenderer() throws IOException {
        KafkaCluster example = readExample();

        ValidatedSpec validated = KafkaClusterSpecs.validate(example);

        assertThat(validated.problems()).isEmpty();
        assertThat(validated.clusterSpec()).isEqualTo(new ClusterSpec("kafka", RoleSpec.of(3),
                new RoleSpec(3, Map.of("num.partitions", "6", "log.retention.hours", "72"))));
    }

    @Test
    void tooFewReplicasNameTheFullFieldPath() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(0, null));
        spec.setControllers(new ControllersSpec(-1, null));

        assertThat(problems(spec)).containsExactly(
                "spec.controllers.replicas: -1 is too few; a cluster needs at least 1 controller (3 for high"
                        + " availability)",
                "spec.brokers.replicas: 0 is too few; a cluster needs at least 1 broker (3 for high availability)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10GB", "10 Gi", "-1Gi", "1e9", "ten", ""})
    void malformedSizesAreRefused(String size) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, new StorageSpec(size, null)));

        assertThat(problems(spec)).containsExactly("spec.brokers.storage.size: '" + size + "' is not a Kubernetes"
                + " quantity; use a number with a unit such as 10Gi, 500Mi or 1Ti (Gi = 2^30 bytes, G = 10^9)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10Gi", "1.5Ti", "500Mi", "20G", "1073741824"})
    void wellFormedSizesAreAccepted(String size) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, new StorageSpec(size, null)));

        assertThat(problems(spec)).isEmpty();
    }

    @Test
    void aZeroSizeIsRefused() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setControllers(new ControllersSpec(3, new StorageSpec("0Gi", null)));

        assertThat(problems(spec)).containsExactly("spec.controllers.storage.size: '0Gi' leaves no room for data;"
                + " give each controller a volume, e.g. 1Gi");
    }

    @Test
    void storageWithoutSizeGetsTheRolesDefault() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, new StorageSpec(null, "fast")));

        assertThat(problems(spec)).isEmpty();
        assertThat(spec.effectiveBrokers().effectiveStorage().getSize()).isEqualTo("10Gi");
        assertThat(spec.getBrokers().getStorage().getSize()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.4", "4.4.0-rc1", "v4.4.0", "latest"})
    void malformedVersionsAreRefused(String version) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setVersion(version);

        assertThat(problems(spec)).containsExactly(
                "spec.version: '" + version + "' is not a Kafka version; use major.minor.patch, e.g. '4.4.0'");
    }

    @Test
    void kafkaBeforeFourIsRefused() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setVersion("3.9.1");

        assertThat(problems(spec)).containsExactly("spec.version: Kafka 3.9.1 is not supported; kafka-ha runs"
                + " Kafka 4.0 or newer (KRaft only), e.g. '4.4.0'");
    }

    @Test
    void aVersionNeverPublishedIsRefused() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setVersion("9.9.9");

        assertThat(problems(spec)).singleElement().asString().startsWith("spec.version: Kafka 9.9.9 is not a release"
                + " kafka-ha knows (no apache/kafka:9.9.9 image was published when it was built); use one of 4.0.0,");
    }

    @Test
    void aDowngradeBelowTheRaisedMetadataVersionIsRefusedButAnUpgradeRollbackIsNot() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        applied.setVersion("4.4.0");
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("kafka").build());
        KafkaClusterSpec back = new KafkaClusterSpec();
        back.setVersion("4.3.1");
        cluster.setSpec(back);
        cluster.setStatus(new KafkaClusterStatus());
        cluster.getStatus().setMetadataVersion("4.3-IV0");
        assertThat(KafkaClusterSpecs.validateChange(cluster, applied).problems()).isEmpty();

        cluster.getStatus().setMetadataVersion("4.4-IV2");
        assertThat(KafkaClusterSpecs.validateChange(cluster, applied).problems()).extracting(Object::toString)
                .containsExactly("spec.version: cannot go back to Kafka 4.3.1: the cluster's metadata.version is"
                        + " already 4.4-IV2, which Kafka 4.3.1 cannot read, and Kafka never lowers it; keep a"
                        + " version of release 4.4 or newer");
    }

    @Test
    void anImageWithWhitespaceIsRefusedButABlankOneMeansTheOfficialImage() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setImage("registry.example.com/kafka: 4.4.0");
        assertThat(problems(spec)).containsExactly("spec.image: 'registry.example.com/kafka: 4.4.0' contains"
                + " whitespace; give an image reference such as 'registry.example.com/kafka:4.4.0', or remove"
                + " spec.image to run apache/kafka:4.4.0");

        spec.setImage(" ");
        assertThat(problems(spec)).isEmpty();
    }

    @Test
    void operatorOwnedConfigKeysAreRefusedForEitherRole() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, null));
        spec.getBrokers().setConfig(Map.of("log.dirs", "/tmp/kafka"));
        spec.setControllers(new ControllersSpec(3, null));
        spec.getControllers().setConfig(Map.of("controller.quorum.voters", "1@a:9093"));

        assertThat(problems(spec)).containsExactly(
                "spec.controllers.config: 'controller.quorum.voters' cannot be overridden (kafka-ha builds the"
                        + " controller quorum from spec.controllers.replicas); remove it",
                "spec.brokers.config: 'log.dirs' cannot be overridden (kafka-ha keeps the node's data on its"
                        + " persistent volume); remove it");
    }

    @Test
    void fewerBrokersThanTheConfiguredReplicationFactorAreRefused() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(2, null));
        spec.getBrokers().setConfig(Map.of("default.replication.factor", "3"));

        assertThat(problems(spec)).containsExactly("spec.brokers.config: default.replication.factor=3 needs at"
                + " least 3 brokers but spec.brokers.replicas is 2; add brokers or lower the replication factor");
    }

    @Test
    void aConfigKeyWithoutValueIsRefusedNotCrashing() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, null));
        Map<String, String> config = new HashMap<>();
        config.put("num.partitions", null);
        spec.getBrokers().setConfig(config);

        assertThat(problems(spec)).containsExactly("spec.brokers.config: 'num.partitions' has no value; give it"
                + " one (as a string, e.g. \"6\") or remove it");
    }

    @Test
    void anInvalidNameIsReportedAgainstMetadataName() {
        assertThat(KafkaClusterSpecs.validate(cluster("Kafka_1", new KafkaClusterSpec())).problems())
                .extracting(SpecProblem::field).containsExactly("metadata.name");
    }

    @Test
    void unknownFieldsAreNamedWithTheFieldsThatExist() {
        KafkaCluster cluster = Serialization.unmarshal("""
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: kafka}
                spec:
                  verison: "4.4.0"
                  brokers:
                    replica: 5
                    storage: {size: 10Gi, class: fast}
                  template: {nodeSelector: {pool: kafka}, toleration: []}
                stauts: {}
                """, KafkaCluster.class);

        assertThat(KafkaClusterSpecs.validate(cluster).problems()).extracting(SpecProblem::toString).containsExactly(
                "stauts: unknown field; a KafkaCluster has apiVersion, kind, metadata, spec and status; correct the"
                        + " name or remove it",
                "spec.verison: unknown field; spec has version, image, controllers, brokers and template; correct the"
                        + " name or remove it",
                "spec.brokers.replica: unknown field; spec.brokers has replicas, rebalanceOnScaleUp, storage,"
                        + " resources and config; correct the name or remove it",
                "spec.brokers.storage.class: unknown field; spec.brokers.storage has size, storageClassName,"
                        + " ephemeral and deleteClaimsWithCluster; correct"
                        + " the name or remove it",
                "spec.template.toleration: unknown field; spec.template has labels, annotations, nodeSelector,"
                        + " tolerations, affinity, topologySpreadConstraints and priorityClassName; correct the name or"
                        + " remove it");
    }

    @Test
    void everyProblemIsReportedAtOnceAndStopsTheRenderer() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setVersion("4.x");
        spec.setBrokers(new BrokersSpec(0, new StorageSpec("lots", null)));

        ValidatedSpec validated = KafkaClusterSpecs.validate("kafka", spec);

        assertThat(validated.isValid()).isFalse();
        assertThat(validated.problems()).extracting(SpecProblem::field)
                .containsExactly("spec.version", "spec.brokers.storage.size", "spec.brokers.replicas");
        assertThat(validated.message()).startsWith("spec.version: '4.x' is not a Kafka version")
                .contains("; spec.brokers.storage.size: 'lots' is not a Kubernetes quantity");
        assertThatThrownBy(validated::clusterSpec).isInstanceOf(InvalidSpecException.class)
                .hasMessage(validated.message());
    }

    @Test
    void aLiveClusterMayChangeItsBrokersAndControllersBothWays() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        KafkaClusterSpec moreBrokers = new KafkaClusterSpec();
        moreBrokers.setBrokers(new BrokersSpec(5, null));
        KafkaClusterSpec fewerBrokers = new KafkaClusterSpec();
        fewerBrokers.setBrokers(new BrokersSpec(1, null));
        KafkaClusterSpec moreControllers = new KafkaClusterSpec();
        moreControllers.setControllers(new ControllersSpec(5, null));

        // Brokers scale through partition moves; a scale-down Kafka's topics forbid is refused by the operator,
        // which alone can ask Kafka (BrokerScalingTurn), not here.
        assertThat(KafkaClusterSpecs.changeProblems(applied, moreBrokers)).isEmpty();
        assertThat(KafkaClusterSpecs.changeProblems(applied, fewerBrokers)).isEmpty();
        assertThat(KafkaClusterSpecs.changeProblems(moreBrokers, applied)).isEmpty();
        // Controllers scale through the quorum, one voter at a time: both ways are accepted.
        assertThat(KafkaClusterSpecs.changeProblems(applied, moreControllers)).isEmpty();
        assertThat(KafkaClusterSpecs.changeProblems(moreControllers, applied)).isEmpty();
    }

    @Test
    void shrinkingStorageIsRefused() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        KafkaClusterSpec desired = new KafkaClusterSpec();
        desired.setBrokers(new BrokersSpec(3, new StorageSpec("9.5Gi", null)));

        assertThat(KafkaClusterSpecs.changeProblems(applied, desired)).extracting(SpecProblem::toString)
                .containsExactly("spec.brokers.storage.size: cannot shrink from 10Gi to 9.5Gi: Kubernetes volumes"
                        + " only grow; set it back to 10Gi or more");
    }

    @Test
    void spellingTheSameSizeDifferentlyIsFine() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        applied.setControllers(new ControllersSpec(3, new StorageSpec("1Gi", null)));
        KafkaClusterSpec desired = new KafkaClusterSpec();
        desired.setControllers(new ControllersSpec(3, new StorageSpec("1024Mi", null)));

        assertThat(KafkaClusterSpecs.changeProblems(applied, desired)).isEmpty();
    }

    @Test
    void growingStorageIsRefusedUntilTheOperatorCanApplyIt() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        KafkaClusterSpec desired = new KafkaClusterSpec();
        desired.setBrokers(new BrokersSpec(3, new StorageSpec("20Gi", null)));

        assertThat(KafkaClusterSpecs.changeProblems(applied, desired)).extracting(SpecProblem::toString)
                .singleElement().asString()
                .startsWith("spec.brokers.storage.size: growing from 10Gi to 20Gi is not supported yet")
                .contains("set it back to 10Gi");
    }

    @Test
    void changingTheStorageClassIsRefused() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        applied.setBrokers(new BrokersSpec(3, new StorageSpec("10Gi", "standard")));
        KafkaClusterSpec desired = new KafkaClusterSpec();
        desired.setBrokers(new BrokersSpec(3, new StorageSpec("10Gi", "fast-ssd")));
        desired.setControllers(new ControllersSpec(3, new StorageSpec("1Gi", "fast-ssd")));

        assertThat(KafkaClusterSpecs.changeProblems(applied, desired)).extracting(SpecProblem::toString)
                .containsExactly(
                        "spec.controllers.storage.storageClassName: cannot change from the default class to"
                                + " 'fast-ssd' on a live cluster: existing volumes keep their class; set it back to"
                                + " the default class, or create a new cluster with the new class and move the data",
                        "spec.brokers.storage.storageClassName: cannot change from 'standard' to 'fast-ssd' on a"
                                + " live cluster: existing volumes keep their class; set it back to 'standard', or"
                                + " create a new cluster with the new class and move the data");
    }

    @Test
    void anEmptyStorageClassIsTheSameAsNone() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        applied.setBrokers(new BrokersSpec(3, new StorageSpec("10Gi", "")));

        assertThat(KafkaClusterSpecs.changeProblems(applied, new KafkaClusterSpec())).isEmpty();
    }

    @Test
    void validateChangeCombinesTheSpecsOwnProblemsWithTheChangeRules() {
        KafkaClusterSpec applied = new KafkaClusterSpec();
        applied.setBrokers(new BrokersSpec(3, new StorageSpec("100Gi", null)));
        KafkaClusterSpec desired = new KafkaClusterSpec();
        desired.setVersion("four");
        desired.setBrokers(new BrokersSpec(3, new StorageSpec("10Gi", null)));

        assertThat(KafkaClusterSpecs.validateChange(cluster("kafka", desired), applied).problems())
                .extracting(SpecProblem::field).containsExactly("spec.version", "spec.brokers.storage.size");
        assertThat(KafkaClusterSpecs.validateChange(cluster("kafka", applied), null).isValid()).isTrue();
        assertThat(KafkaClusterSpecs.validateChange(cluster("kafka", applied), applied).isValid()).isTrue();
    }

    @Test
    void ephemeralBrokersAreAccepted() {
        KafkaClusterSpec spec = brokerStorage(StorageSpec.ephemeral("5Gi"));

        assertThat(problems(spec)).isEmpty();
    }

    @Test
    void ephemeralControllersAreRefused() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setControllers(new ControllersSpec(3, StorageSpec.ephemeral("1Gi")));

        assertThat(problems(spec)).containsExactly("spec.controllers.storage.ephemeral: controllers always keep"
                + " their metadata log on a persistent volume: a controller that lost its log but kept its node id"
                + " and directory id (kafka-ha derives both from the pod) could vote in a leader that lacks"
                + " committed metadata, and the cluster's metadata would be lost; remove it (only brokers can be"
                + " ephemeral)");
    }

    @Test
    void ephemeralStorageRefusesTheFieldsOfVolumeClaims() {
        StorageSpec storage = StorageSpec.ephemeral("5Gi");
        storage.setStorageClassName("fast-ssd");
        storage.setDeleteClaimsWithCluster(false);
        KafkaClusterSpec spec = brokerStorage(storage);

        assertThat(problems(spec)).containsExactly(
                "spec.brokers.storage.storageClassName: ephemeral storage is an emptyDir and uses no storage class;"
                        + " remove storageClassName, or remove ephemeral to get persistent volumes of class"
                        + " 'fast-ssd'",
                "spec.brokers.storage.deleteClaimsWithCluster: ephemeral storage makes no volume claims: its data"
                        + " is gone with each pod, whatever this says; remove deleteClaimsWithCluster, or remove"
                        + " ephemeral to keep the data on persistent volumes");

        storage.setStorageClassName("");
        storage.setDeleteClaimsWithCluster(null);
        assertThat(problems(spec)).as("an empty class means none").isEmpty();
    }

    @Test
    void ephemeralFalseIsAnOrdinaryPersistentVolume() {
        StorageSpec storage = new StorageSpec("1Gi", "fast-ssd");
        storage.setEphemeral(false);
        storage.setDeleteClaimsWithCluster(true);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setControllers(new ControllersSpec(3, storage));

        assertThat(problems(spec)).isEmpty();
        assertThat(KafkaClusterSpecs.changeProblems(spec, new KafkaClusterSpec())).extracting(SpecProblem::field)
                .as("only the class differs from the defaults")
                .containsExactly("spec.controllers.storage.storageClassName");
    }

    @Test
    void switchingBetweenPersistentAndEphemeralIsRefusedEitherWay() {
        KafkaClusterSpec persistent = brokerStorage(new StorageSpec("10Gi", "standard"));
        KafkaClusterSpec ephemeral = brokerStorage(StorageSpec.ephemeral("10Gi"));

        assertThat(KafkaClusterSpecs.changeProblems(persistent, ephemeral)).extracting(SpecProblem::toString)
                .as("one problem: the class and size follow from the kind")
                .containsExactly("spec.brokers.storage.ephemeral: cannot change from false to true on a live"
                        + " cluster: a StatefulSet's volume claim templates cannot change (persistent volumes come"
                        + " from them, ephemeral ones do not); set it back to false, or create a new cluster with the"
                        + " storage you want");
        assertThat(KafkaClusterSpecs.changeProblems(ephemeral, persistent)).extracting(SpecProblem::toString)
                .singleElement().asString()
                .startsWith("spec.brokers.storage.ephemeral: cannot change from true to false on a live cluster")
                .contains("set it back to true");
    }

    @Test
    void anEphemeralSizeIsFixedOnALiveClusterWithItsOwnReason() {
        KafkaClusterSpec applied = brokerStorage(StorageSpec.ephemeral("10Gi"));
        KafkaClusterSpec grown = brokerStorage(StorageSpec.ephemeral("20Gi"));
        KafkaClusterSpec shrunk = brokerStorage(StorageSpec.ephemeral("5Gi"));
        KafkaClusterSpec respelled = brokerStorage(StorageSpec.ephemeral("10240Mi"));

        assertThat(KafkaClusterSpecs.changeProblems(applied, grown)).extracting(SpecProblem::toString)
                .containsExactly("spec.brokers.storage.size: cannot change from 10Gi to 20Gi on a live cluster yet:"
                        + " a new emptyDir size limit reaches a broker only when its pod is re-created (which empties"
                        + " it), and kafka-ha does not roll brokers yet; set it back to 10Gi");
        assertThat(KafkaClusterSpecs.changeProblems(applied, shrunk)).extracting(SpecProblem::toString)
                .singleElement().asString()
                .startsWith("spec.brokers.storage.size: cannot change from 10Gi to 5Gi on a live cluster yet")
                .doesNotContain("PVC", "only grow");
        assertThat(KafkaClusterSpecs.changeProblems(applied, respelled)).isEmpty();
    }

    @Test
    void validateChangeRefusesEphemeralBrokersForALiveClusterButNotForANewOne() {
        KafkaClusterSpec ephemeral = brokerStorage(StorageSpec.ephemeral("10Gi"));

        assertThat(KafkaClusterSpecs.validateChange(cluster("kafka", ephemeral), null).isValid()).isTrue();
        assertThat(KafkaClusterSpecs.validateChange(cluster("kafka", ephemeral), new KafkaClusterSpec()).problems())
                .extracting(SpecProblem::field).containsExactly("spec.brokers.storage.ephemeral");
    }

    /** A spec with defaults but for the brokers' storage. */
    private static KafkaClusterSpec brokerStorage(StorageSpec storage) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, storage));
        return spec;
    }

    private static List<String> problems(KafkaClusterSpec spec) {
        return KafkaClusterSpecs.validate("kafka", spec).problems().stream().map(SpecProblem::toString).toList();
    }

    static KafkaCluster cluster(String name, KafkaClusterSpec spec) {
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("streaming").build());
        cluster.setSpec(spec);
        return cluster;
    }

    static KafkaCluster readExample() throws IOException {
        try (InputStream in = KafkaClusterSpecsTest.class.getResourceAsStream("/kafkacluster-example.yaml")) {
            return Serialization.unmarshal(in, KafkaCluster.class);
        }
    }
}
