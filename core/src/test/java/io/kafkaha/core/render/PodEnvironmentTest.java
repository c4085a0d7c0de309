package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import org.junit.jupiter.api.Test;

class PodEnvironmentTest {
    private final KubernetesAddressing addressing = new KubernetesAddressing("kafka", "prod");
    private final RenderedCluster cluster = ClusterRenderer.render(ClusterSpec.seed("kafka"), addressing,
            "q1Sh-9_ISia_zwGINzRvyQ");

    @Test
    void podsAdvertiseTheirStableDnsNamesAndSharePorts() {
        var env = PodEnvironment.forRole(cluster, NodeRole.BROKER, addressing);
        assertThat(env.keySet()).first().isEqualTo(StartScript.NODE_NAME);
        assertThat(env)
                .containsEntry(StartScript.ADVERTISED_HOST, "$(KAFKA_HA_NODE_NAME).kafka-brokers.prod.svc")
                .containsEntry(StartScript.CLIENT_PORT, "9092")
                .containsEntry(StartScript.REPLICATION_PORT, "9091")
                .containsEntry(StartScript.BIND_HOST, "");
        assertThat(cluster.configFile(NodeRole.BROKER)).contains("controller.quorum.bootstrap.servers="
                + "kafka-controller-0.kafka-controllers.prod.svc:9093,"
                + "kafka-controller-1.kafka-controllers.prod.svc:9093,"
                + "kafka-controller-2.kafka-controllers.prod.svc:9093");
    }

    @Test
    void oneEnvironmentPerStatefulSetGivesEachPodExactlyItsPlannedEnvironment() {
        for (NodeRole role : NodeRole.values()) {
            var roleEnv = PodEnvironment.forRole(cluster, role, addressing);
            for (NodePlan node : cluster.nodes(role)) {
                assertThat(PodEnvironment.expandFor(roleEnv, node.name())).isEqualTo(node.env());
            }
        }
    }
}
