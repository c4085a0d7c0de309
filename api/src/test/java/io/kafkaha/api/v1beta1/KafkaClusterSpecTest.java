package io.kafkaha.api.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafkaha.core.BuildInfo;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClusterSpecTest {

    @Test
    void theDefaultVersionIsTheKafkaVersionOfTheBuild() {
        assertThat(KafkaClusterSpec.DEFAULT_VERSION)
                .as("KafkaClusterSpec.DEFAULT_VERSION must follow kafka.version in the parent pom; set it to %s and"
                        + " refresh the CRD", BuildInfo.kafkaVersion())
                .isEqualTo(BuildInfo.kafkaVersion());
    }

    @Test
    void effectiveValuesFillInDefaultsWithoutTouchingTheSpec() {
        KafkaClusterSpec spec = new KafkaClusterSpec();

        assertThat(spec.effectiveVersion()).isEqualTo("4.4.0");
        assertThat(spec.effectiveImage()).isEqualTo("apache/kafka:4.4.0");
        assertThat(spec.nodes(NodeRole.CONTROLLER).effectiveReplicas()).isEqualTo(3);
        assertThat(spec.nodes(NodeRole.CONTROLLER).effectiveStorage().getSize()).isEqualTo("1Gi");
        assertThat(spec.nodes(NodeRole.BROKER).effectiveReplicas()).isEqualTo(3);
        assertThat(spec.nodes(NodeRole.BROKER).effectiveStorage().getSize()).isEqualTo("10Gi");
        assertThat(spec.nodes(NodeRole.BROKER).effectiveStorage().effectiveStorageClassName()).isNull();
        assertThat(spec.nodes(NodeRole.BROKER).effectiveConfig()).isEmpty();
        assertThat(Serialization.asJson(spec)).as("nothing was written into the spec").isEqualTo("{}");
    }

    @Test
    void theDefaultSizeFillsInWithoutDroppingTheOtherStorageFields() {
        StorageSpec storage = new StorageSpec(null, "fast-ssd");
        storage.setDeleteClaimsWithCluster(true);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, storage));

        StorageSpec effective = spec.nodes(NodeRole.BROKER).effectiveStorage();

        assertThat(effective.getSize()).isEqualTo("10Gi");
        assertThat(effective.effectiveStorageClassName()).isEqualTo("fast-ssd");
        assertThat(effective.deletesClaimsWithCluster()).isTrue();
        assertThat(storage.getSize()).as("the spec is untouched").isNull();
    }

    @Test
    void storageIsPersistentUnlessEphemeralIsTrue() {
        StorageSpec ephemeral = Serialization.unmarshal("{\"ephemeral\": true}", StorageSpec.class);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(3, ephemeral));

        assertThat(spec.nodes(NodeRole.BROKER).effectiveStorage().effectiveEphemeral()).isTrue();
        assertThat(spec.nodes(NodeRole.BROKER).effectiveStorage().getSize()).isEqualTo("10Gi");
        assertThat(spec.nodes(NodeRole.CONTROLLER).effectiveStorage().effectiveEphemeral()).isFalse();
        assertThat(new StorageSpec("1Gi", null).effectiveEphemeral()).isFalse();
        assertThat(Serialization.asJson(StorageSpec.ephemeral("5Gi")))
                .isEqualTo("{\"size\":\"5Gi\",\"ephemeral\":true}");
    }

    @Test
    void theImageFollowsTheVersionUnlessOverridden() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setVersion("4.5.1");
        assertThat(spec.effectiveImage()).isEqualTo("apache/kafka:4.5.1");

        spec.setImage("registry.example.com/mirror/kafka:4.5.1");
        assertThat(spec.effectiveImage()).isEqualTo("registry.example.com/mirror/kafka:4.5.1");

        spec.setImage(" ");
        assertThat(spec.effectiveImage()).isEqualTo("apache/kafka:4.5.1");
    }

    @Test
    void theExampleRoundTripsThroughYaml() throws IOException {
        KafkaCluster example = KafkaClusterSpecsTest.readExample();

        KafkaCluster copy = Serialization.unmarshal(Serialization.asYaml(example), KafkaCluster.class);

        assertThat(Serialization.asYaml(copy)).isEqualTo(Serialization.asYaml(example));
        assertThat(copy.getApiVersion()).isEqualTo("kafkaha.io/v1beta1");
        assertThat(copy.getSpec().getBrokers().getStorage().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(copy.getSpec().getBrokers().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(copy.getSpec().getTemplate().getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    }

    @Test
    void statusShowsReadyOverDesiredForKubectlAndReadsBack() {
        KafkaClusterStatus status = new KafkaClusterStatus();
        status.setReadyBrokers(2);
        status.setDesiredBrokers(3);
        status.setDesiredControllers(3);
        status.getConditions().add(new ConditionBuilder().withType(KafkaClusterStatus.READY).withStatus("False")
                .withReason("BrokersNotReady").withObservedGeneration(4L).build());

        Map<String, Object> json = Serialization.unmarshal(Serialization.asJson(status), Map.class);
        assertThat(json).containsEntry("brokers", "2/3").containsEntry("controllers", "0/3");

        KafkaClusterStatus read = Serialization.unmarshal(Serialization.asJson(status), KafkaClusterStatus.class);
        assertThat(read.getBrokers()).isEqualTo("2/3");
        assertThat(read.condition(KafkaClusterStatus.READY)).hasValueSatisfying(c ->
                assertThat(c.getReason()).isEqualTo("BrokersNotReady"));
        assertThat(new KafkaClusterStatus().getBrokers()).isNull();
    }

    @Test
    void statusFieldsFromANewerOperatorAreIgnored() {
        KafkaClusterStatus status = Serialization.unmarshal("{\"readyBrokers\": 3, \"rebalancing\": true}",
                KafkaClusterStatus.class);

        assertThat(status.getReadyBrokers()).isEqualTo(3);
    }

    @Test
    void aStatusThatDoesNotReadIsNone() {
        KafkaCluster cluster = Serialization.unmarshal("{\"apiVersion\": \"kafkaha.io/v1beta1\", \"kind\":"
                + " \"KafkaCluster\", \"metadata\": {\"name\": \"kafka\"}, \"spec\": {},"
                + " \"status\": {\"readyBrokers\": \"many\"}}", KafkaCluster.class);

        assertThat(cluster.getStatus()).isNull();
        assertThat(cluster.getSpec()).isNotNull();
    }
}
