package io.kafkaha.api.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** A spec with a value of the wrong type reads as an {@link UnreadableSpec} naming the field, and writes back as is. */
class UnreadableSpecTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void aValueOfTheWrongTypeIsReportedWithItsFieldInsteadOfThrown() {
        KafkaCluster cluster = read("{\"brokers\": {\"replicas\": \"three\", \"storage\": {\"size\": \"5Gi\"}}}");

        assertThat(cluster.getSpec()).isInstanceOf(UnreadableSpec.class);
        ValidatedSpec validated = KafkaClusterSpecs.validateChange(cluster, new KafkaClusterSpec());
        assertThat(validated.problems()).containsExactly(new SpecProblem("spec.brokers.replicas",
                "\"three\" cannot be read as a whole number; correct the field, and check that the installed"
                        + " KafkaCluster CRD is the one of this kafka-ha release (its schema refuses such values)"));
        assertThatThrownBy(cluster::specOrDefaults).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spec.brokers.replicas");
    }

    @Test
    void theProblemSaysWhatTheFieldTakes() {
        assertThat(problem("{\"brokers\": {\"config\": {\"num.partitions\": {\"value\": 6}}}}"))
                .isEqualTo("spec.brokers.config.num.partitions: {\"value\":6} cannot be read as a string");
        assertThat(problem("{\"controllers\": {\"storage\": {\"ephemeral\": \"maybe\"}}}"))
                .isEqualTo("spec.controllers.storage.ephemeral: \"maybe\" cannot be read as true or false");
        assertThat(problem("{\"template\": {\"tolerations\": {\"key\": \"a\"}}}"))
                .isEqualTo("spec.template.tolerations: {\"key\":\"a\"} cannot be read as a list");
        assertThat(problem("{\"brokers\": \"" + "x".repeat(100) + "\"}"))
                .startsWith("spec.brokers: \"xxxx").contains("...").endsWith(" cannot be read as an object");
    }

    @Test
    void itWritesBackAsItCameSoACopyIsUnreadableToo() {
        KafkaCluster cluster = read("{\"version\": \"4.4.0\", \"brokers\": {\"replicas\": \"three\"}}");

        assertThat(JSON.asJson(cluster))
                .contains("\"spec\":{\"version\":\"4.4.0\",\"brokers\":{\"replicas\":\"three\"}}");
        KafkaCluster copy = JSON.clone(cluster);
        assertThat(copy.getSpec()).isInstanceOf(UnreadableSpec.class);
        assertThat(((UnreadableSpec) copy.getSpec()).problem().field()).isEqualTo("spec.brokers.replicas");
    }

    @Test
    void aReadableSpecReadsAsUsual() {
        KafkaCluster cluster = read("{\"brokers\": {\"replicas\": 4, \"replicaz\": 5}}");

        assertThat(cluster.getSpec()).isNotInstanceOf(UnreadableSpec.class);
        assertThat(cluster.getSpec().getBrokers().getReplicas()).isEqualTo(4);
        assertThat(cluster.getSpec().getBrokers().unknownFields()).containsKey("replicaz");
        assertThat(read("null").getSpec()).isNull();
    }

    private static String problem(String spec) {
        SpecProblem problem = ((UnreadableSpec) read(spec).getSpec()).problem();
        String text = problem.toString();
        return text.substring(0, text.indexOf(';'));
    }

    private static KafkaCluster read(String spec) {
        return JSON.unmarshal("{\"apiVersion\": \"kafkaha.io/v1beta1\", \"kind\": \"KafkaCluster\","
                + " \"metadata\": {\"name\": \"kafka\"}, \"spec\": " + spec + "}", KafkaCluster.class);
    }
}
