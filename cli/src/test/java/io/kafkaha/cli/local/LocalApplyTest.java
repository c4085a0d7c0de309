package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code local up -f} refuses on an existing cluster, before it writes or starts anything. */
class LocalApplyTest {
    @TempDir
    Path temp;
    private Path dir;
    private String stateBefore;

    @BeforeEach
    void anExistingCluster() throws IOException {
        dir = temp.resolve("cluster");
        new LocalClusterState("kafka", "q1Sh-9_ISia_zwGINzRvyQ", 3, 3, "127.0.0.1", 29092)
                .save(new ClusterLayout(dir));
        stateBefore = Files.readString(dir.resolve("cluster.properties"));
    }

    @Test
    void refusesChangesTheLocalRuntimeCannotMakeAndChangesNothing() throws IOException {
        Path file = manifest("kafka", "4.4.0", 3, 4);

        assertThatThrownBy(() -> apply(file, 29392))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("nothing was changed")
                .hasMessageNotContaining("spec.brokers.replicas") // brokers scale (LocalBrokerScaling)
                .hasMessageContaining("--port-base: the cluster listens on ports from 29092");
        assertThat(Files.readString(dir.resolve("cluster.properties"))).isEqualTo(stateBefore);
        assertThat(dir.resolve("config")).doesNotExist();
    }

    @Test
    void refusesARename() throws IOException {
        assertThatThrownBy(() -> apply(manifest("orders", "4.4.0", 3, 3), null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("metadata.name: " + dir + " holds cluster 'kafka', which cannot be renamed");
        assertThat(Files.readString(dir.resolve("cluster.properties"))).isEqualTo(stateBefore);
    }

    @Test
    void refusesAVersionNeverPublished() throws IOException {
        assertThatThrownBy(() -> apply(manifest("kafka", "4.4.9", 3, 3), null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("spec.version: Kafka 4.4.9 is not a release kafka-ha knows");
        assertThat(Files.readString(dir.resolve("cluster.properties"))).isEqualTo(stateBefore);
    }

    private void apply(Path file, Integer portBase) {
        ClusterSelection selection = new ClusterSelection();
        selection.dir = dir;
        PrintWriter out = new PrintWriter(new StringWriter());
        new LocalApply(selection, portBase, Duration.ofSeconds(1), Duration.ofSeconds(1), out, out).apply(file);
    }

    private Path manifest(String name, String version, int controllers, int brokers) throws IOException {
        Path file = temp.resolve("cluster.yaml");
        Files.writeString(file, """
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: %s}
                spec:
                  version: "%s"
                  controllers: {replicas: %d}
                  brokers: {replicas: %d, config: {num.io.threads: "9"}}
                """.formatted(name, version, controllers, brokers));
        return file;
    }
}
