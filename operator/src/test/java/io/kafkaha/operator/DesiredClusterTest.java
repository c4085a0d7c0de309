package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.core.spec.InvalidSpecException;
import io.kafkaha.core.spec.NodeRole;
import org.junit.jupiter.api.Test;

class DesiredClusterTest {

    @Test
    void rendersTheClusterForItsNamespace() {
        DesiredCluster cluster = Clusters.desiredSeed();
        assertThat(cluster.name()).isEqualTo("kafka");
        assertThat(cluster.namespace()).isEqualTo("prod");
        assertThat(cluster.rendered().nodes(NodeRole.BROKER)).hasSize(3);
        assertThat(cluster.rendered().nodes(NodeRole.BROKER).get(0).env())
                .containsEntry("KAFKA_HA_ADVERTISED_HOST", "kafka-broker-0.kafka-brokers.prod.svc")
                .containsEntry("KAFKA_HA_CLUSTER_ID", Clusters.CLUSTER_ID);
    }

    @Test
    void refusesAnInvalidCluster() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(0, null));
        assertThatThrownBy(() -> Clusters.desired(Clusters.withSpec(spec)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("spec.brokers.replicas");
    }

    @Test
    void needsANamespace() {
        var cluster = Clusters.seed();
        cluster.setMetadata(new ObjectMetaBuilder().withName("kafka").build());
        assertThatThrownBy(() -> Clusters.desired(cluster)).hasMessageContaining("no namespace");
    }
}
