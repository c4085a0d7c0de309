package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.InvalidSpecException;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRendererTest {
    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @Test
    void seedClusterHasThreeControllersAndThreeBrokersNamedLikeTheirPods() {
        RenderedCluster cluster = ClusterRenderer.render(ClusterSpec.seed("kafka"), LocalAddressing.loopback(9092),
                CLUSTER_ID);
        assertThat(cluster.nodes()).extracting(NodePlan::name).containsExactly(
                "kafka-controller-0", "kafka-controller-1", "kafka-controller-2",
                "kafka-broker-0", "kafka-broker-1", "kafka-broker-2");
        assertThat(cluster.nodes()).extracting(NodePlan::nodeId).containsExactly(1000, 1001, 1002, 0, 1, 2);
        assertThat(cluster.configFiles()).containsOnlyKeys("controller.properties", "broker.properties");
        assertThat(cluster.startScript()).startsWith("#!/bin/sh");
    }

    @Test
    void eachNodeGetsItsOwnPortsAndTheRoleItRuns() {
        RenderedCluster cluster = ClusterRenderer.render(ClusterSpec.seed("kafka"), LocalAddressing.loopback(19092),
                CLUSTER_ID);
        NodePlan broker1 = cluster.nodes(NodeRole.BROKER).get(1);
        assertThat(broker1.env())
                .containsEntry(StartScript.NODE_NAME, "kafka-broker-1")
                .containsEntry(StartScript.ROLE, "broker")
                .containsEntry(StartScript.NODE_ID_OFFSET, "0")
                .containsEntry(StartScript.CLIENT_PORT, "19093")
                .containsEntry(StartScript.REPLICATION_PORT, "19193")
                .containsEntry(StartScript.ADVERTISED_HOST, "127.0.0.1")
                .containsEntry(StartScript.CLUSTER_ID, CLUSTER_ID)
                .doesNotContainKey(StartScript.CONTROLLER_PORT);
        NodePlan controller2 = cluster.nodes(NodeRole.CONTROLLER).get(2);
        assertThat(controller2.env()).containsEntry(StartScript.CONTROLLER_PORT, "19294")
                .containsEntry(StartScript.NODE_ID_OFFSET, "1000");
        List<String> ports = cluster.nodes().stream().flatMap(n -> n.env().entrySet().stream())
                .filter(e -> e.getKey().endsWith("_PORT")).map(Map.Entry::getValue).toList();
        assertThat(ports).doesNotHaveDuplicates().hasSize(9);
    }

    @Test
    void initialControllersListEveryControllerWithAStableDirectoryId() {
        String list = InitialControllers.render(CLUSTER_ID, 3, LocalAddressing.loopback(9092));
        assertThat(list.split(",")).hasSize(3).allMatch(entry -> entry.matches("100[0-2]@127\\.0\\.0\\.1:929[2-4]:\\S{22}"));
        assertThat(InitialControllers.render(CLUSTER_ID, 3, LocalAddressing.loopback(9092))).isEqualTo(list);
        assertThat(InitialControllers.render("another-cluster-id0000", 3, LocalAddressing.loopback(9092)))
                .isNotEqualTo(list);
        assertThat(InitialControllers.directoryId(CLUSTER_ID, 1000).getMostSignificantBits()).isNegative();
    }

    @Test
    void bootstrapServersAreEveryBrokersClientListener() {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(1), RoleSpec.of(2));
        assertThat(ClusterRenderer.bootstrapServers(spec, LocalAddressing.loopback(9092)))
                .isEqualTo("127.0.0.1:9092,127.0.0.1:9093");
    }

    @Test
    void invalidSpecIsRefusedBeforeAnythingIsRendered() {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3), new RoleSpec(3, Map.of("node.id", "1")));
        assertThatThrownBy(() -> ClusterRenderer.render(spec, LocalAddressing.loopback(9092), CLUSTER_ID))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("'node.id' cannot be overridden");
    }

    @Test
    void localPortsStayWithinTheirBlocks() {
        LocalAddressing addressing = LocalAddressing.loopback(20000);
        assertThat(addressing.port(Listener.CLIENT, 99)).isEqualTo(20099);
        assertThat(addressing.port(Listener.REPLICATION, 0)).isEqualTo(20100);
        assertThat(addressing.lastPort()).isEqualTo(20299);
        assertThatThrownBy(() -> addressing.port(Listener.CLIENT, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
