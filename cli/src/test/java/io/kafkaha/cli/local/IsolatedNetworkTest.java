package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedNetworkTest {
    @TempDir
    Path dir;

    @Test
    void namesEveryPieceAfterTheClustersSlotWithinTheKernelsLimits() {
        LocalCluster cluster = new LocalCluster(new ClusterLayout(dir),
                new LocalClusterState("orders", "id", 3, 3, "127.0.0.1", 28592).isolate());
        IsolatedNetwork network = cluster.network().orElseThrow();

        assertThat(network.bridge()).isEqualTo("kh95");
        assertThat(network.link(cluster.node("orders-broker-2"))).isEqualTo("kh95b2");
        assertThat(network.link(cluster.node("orders-controller-0"))).isEqualTo("kh95c0");
        assertThat(network.namespace(cluster.node("orders-broker-2"))).isEqualTo("kafkaha-95-orders-broker-2");
        assertThat(network.inNamespace(cluster.node("orders-broker-0"), List.of("sh", "start-kafka.sh")))
                .containsExactly("ip", "netns", "exec", "kafkaha-95-orders-broker-0", "sh", "start-kafka.sh");
    }

    @Test
    void aClusterSharingTheHostsNetworkHasNone() {
        LocalCluster cluster = new LocalCluster(new ClusterLayout(dir),
                new LocalClusterState("orders", "id", 3, 3, "127.0.0.1", 28592));
        assertThat(cluster.network()).isEmpty();
    }
}
