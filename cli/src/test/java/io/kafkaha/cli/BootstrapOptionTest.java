package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.local.ClusterLayout;
import io.kafkaha.cli.local.LocalClusterState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Client commands reach a local cluster outside the kafka-ha home by the --dir it was started with. */
class BootstrapOptionTest {
    @TempDir
    Path dir;

    @Test
    void aRunningClusterIsFoundByItsDir() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        new LocalClusterState("orders", "id", 1, 3, "127.0.0.1", 23092).save(layout);
        // A node counts as running while the process in its pid file lives; a harmless stand-in plays it.
        Process standIn = new ProcessBuilder("sleep", "300").start();
        try {
            Files.createDirectories(layout.pidFile("orders-broker-0").getParent());
            Files.writeString(layout.pidFile("orders-broker-0"), standIn.pid() + " "
                    + standIn.info().startInstant().orElseThrow().toEpochMilli());

            assertThat(parse("--dir", dir.toString()).resolve())
                    .isEqualTo("127.0.0.1:23092,127.0.0.1:23093,127.0.0.1:23094");
            assertThat(parse("--dir", dir.toString(), "--name", "orders").resolve())
                    .isEqualTo("127.0.0.1:23092,127.0.0.1:23093,127.0.0.1:23094");
        } finally {
            standIn.destroyForcibly().waitFor();
        }
    }

    @Test
    void anExplicitBootstrapServerIsUsedAsGiven() {
        assertThat(parse("-b", " broker:9092 ").resolve()).isEqualTo("broker:9092");
    }

    private static BootstrapOption parse(String... args) {
        BootstrapOption option = new BootstrapOption();
        new CommandLine(option).parseArgs(args);
        return option;
    }
}
