package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the supervisor reads after a process exit: a graceful stop is told apart from a crash. */
class NodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void aGracefulStopIsMarkedAsRequested() {
        NodeProcess node = new NodeProcess(dir.resolve("pid"));
        ProcessHandle process = node.launch(List.of("sleep", "60"), Map.of(), dir.resolve("node.log"));

        assertThat(node.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(process.isAlive()).isFalse();
        assertThat(node.stopRequested(process)).isTrue();
    }

    @Test
    void aKillIsACrashNotAStop() {
        NodeProcess node = new NodeProcess(dir.resolve("pid"));
        ProcessHandle process = node.launch(List.of("sleep", "60"), Map.of(), dir.resolve("node.log"));

        node.kill();

        assertThat(process.isAlive()).isFalse();
        assertThat(node.stopRequested(process)).isFalse();
        assertThat(node.exitedUnexpectedly()).isTrue();
    }

    @Test
    void aNodeStartedAgainAfterAStopIsNoLongerMarked() {
        NodeProcess node = new NodeProcess(dir.resolve("pid"));
        node.launch(List.of("sleep", "60"), Map.of(), dir.resolve("node.log"));
        node.stop(Duration.ofSeconds(10));
        ProcessHandle again = node.launch(List.of("sleep", "60"), Map.of(), dir.resolve("node.log"));

        node.kill();

        assertThat(node.stopRequested(again)).isFalse();
    }
}
