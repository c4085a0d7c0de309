package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterStateTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheAppliedSpecsConfigAndVersion() {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterSpec spec = new ClusterSpec("orders", new RoleSpec(3, Map.of("num.io.threads", "4")),
                new RoleSpec(3, Map.of("num.io.threads", "9", "log.retention.hours", "72")));
        LocalClusterState state = new LocalClusterState("orders", "id", 3, 3, "127.0.0.1", 9092)
                .withSpec(spec, "4.4.0");
        state.save(layout);

        LocalClusterState loaded = LocalClusterState.load(layout).orElseThrow();
        assertThat(loaded).isEqualTo(state);
        assertThat(loaded.spec()).isEqualTo(spec);
    }

    @Test
    void keepsIsolationAndGivesEachNodeItsOwnAddress() {
        ClusterLayout layout = new ClusterLayout(dir);
        LocalClusterState state = new LocalClusterState("orders", "id", 3, 3, "127.0.0.1", 28592).isolate();
        state.save(layout);

        LocalClusterState loaded = LocalClusterState.load(layout).orElseThrow();
        assertThat(loaded).isEqualTo(state);
        assertThat(loaded.isolated()).isTrue();
        assertThat(new LocalCluster(layout, loaded).bootstrapServers())
                .isEqualTo("10.213.95.1:28592,10.213.95.2:28593,10.213.95.3:28594");
        assertThat(loaded.withBrokers(4).isolated()).isTrue();
    }

    @Test
    void readsAClusterCreatedBeforeSpecsWereKept() throws IOException {
        Files.writeString(dir.resolve("cluster.properties"), """
                name=kafka
                cluster.id=q1Sh-9_ISia_zwGINzRvyQ
                controllers=3
                brokers=3
                host=127.0.0.1
                port.base=9092
                """);

        LocalClusterState loaded = LocalClusterState.load(new ClusterLayout(dir)).orElseThrow();
        assertThat(loaded.spec()).isEqualTo(ClusterSpec.seed("kafka"));
        assertThat(loaded.version()).isNull();
        assertThat(loaded.isolated()).isFalse();
    }

    @Test
    void describesConfigChangesForPeople() {
        ClusterSpec before = new ClusterSpec("kafka", RoleSpec.of(3),
                new RoleSpec(3, Map.of("num.io.threads", "8", "log.retention.hours", "72")));
        ClusterSpec after = new ClusterSpec("kafka", new RoleSpec(3, Map.of("num.io.threads", "4")),
                new RoleSpec(3, Map.of("num.io.threads", "9")));

        assertThat(LocalApply.configChanges(before, after)).containsExactly(
                "controllers.config: + num.io.threads=4",
                "brokers.config: - log.retention.hours, num.io.threads 8 -> 9");
    }
}
