package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

    @Test
    void podTemplatesCarryTheirRolesHash() {
        DesiredCluster cluster = Clusters.desiredSeed();
        for (NodeRole role : NodeRole.values()) {
            assertThat(hashOnTemplate(cluster, role))
                    .isEqualTo(ConfigHash.forRole(cluster.rendered(), role))
                    .matches("[0-9a-f]{64}");
        }
    }

    @Test
    void isStableWhenNothingChanges() {
        for (NodeRole role : NodeRole.values()) {
            assertThat(hashOnTemplate(Clusters.desiredSeed(), role))
                    .isEqualTo(hashOnTemplate(Clusters.desiredSeed(), role));
        }
    }

    @Test
    void aBrokerOnlySettingChangesTheBrokersHashOnly() {
        DesiredCluster before = Clusters.desiredSeed();
        DesiredCluster after = Clusters.desired(Clusters.withSpec(brokerConfig(Map.of("log.retention.hours", "24"))));
        assertThat(hashOnTemplate(after, NodeRole.BROKER)).isNotEqualTo(hashOnTemplate(before, NodeRole.BROKER));
        assertThat(hashOnTemplate(after, NodeRole.CONTROLLER))
                .isEqualTo(hashOnTemplate(before, NodeRole.CONTROLLER));
    }

    @Test
    void aTopicCreationDefaultReachesTheControllersAndChangesBothHashes() {
        DesiredCluster before = Clusters.desiredSeed();
        DesiredCluster after = Clusters.desired(Clusters.withSpec(brokerConfig(Map.of("num.partitions", "6"))));
        for (NodeRole role : NodeRole.values()) {
            assertThat(hashOnTemplate(after, role)).isNotEqualTo(hashOnTemplate(before, role));
        }
    }

    private static KafkaClusterSpec brokerConfig(Map<String, String> config) {
        BrokersSpec brokers = new BrokersSpec();
        brokers.setConfig(config);
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(brokers);
        return spec;
    }

    private static String hashOnTemplate(DesiredCluster cluster, NodeRole role) {
        return NodeStatefulSet.desired(cluster, role).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ConfigHash.ANNOTATION);
    }
}
