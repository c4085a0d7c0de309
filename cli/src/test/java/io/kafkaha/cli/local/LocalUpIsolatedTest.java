package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.KafkaHaCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code local up --isolated} refuses before it starts or writes anything. */
class LocalUpIsolatedTest {
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    @Test
    void anExistingClusterCannotBecomeIsolated() {
        new LocalClusterState("orders", "id", 3, 3, "127.0.0.1", 23092).save(new ClusterLayout(dir));

        assertThat(run("local", "up", "--name", "orders", "--dir", dir.toString(), "--isolated")).isEqualTo(1);
        assertThat(err.toString()).contains("cluster 'orders' was created without --isolated")
                .contains("cannot become isolated");
    }

    @Test
    void aManifestCannotAskForItYet() {
        assertThat(run("local", "up", "-f", dir.resolve("cluster.yaml").toString(), "--dir", dir.toString(),
                "--isolated")).isEqualTo(1);
        assertThat(err.toString()).contains("--isolated cannot be combined with -f yet");
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
