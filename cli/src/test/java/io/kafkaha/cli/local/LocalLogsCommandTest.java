package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.KafkaHaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code local logs -n N}: the last N lines, 0 for all, and no negative counts. */
class LocalLogsCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsTheLastLinesOrAllAndRefusesANegativeCount() throws IOException {
        ClusterLayout layout = new ClusterLayout(dir);
        new LocalClusterState("kafka", "id", 1, 1, "127.0.0.1", 23092).save(layout);
        Files.createDirectories(layout.nodeDir("kafka-broker-0"));
        Files.write(layout.logFile("kafka-broker-0"), IntStream.rangeClosed(1, 5).mapToObj(i -> "line " + i).toList());

        assertThat(run("local", "logs", "kafka-broker-0", "--dir", dir.toString(), "-n", "2")).isZero();
        assertThat(out.toString().lines()).containsExactly("line 4", "line 5");
        out.getBuffer().setLength(0);
        assertThat(run("local", "logs", "kafka-broker-0", "--dir", dir.toString(), "-n", "0")).isZero();
        assertThat(out.toString().lines()).hasSize(5);
        out.getBuffer().setLength(0);

        assertThat(run("local", "logs", "kafka-broker-0", "--dir", dir.toString(), "-n", "-1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --lines -1 is negative; give how many of the last lines to"
                + " print, or 0 for the whole log");
        assertThat(out.toString()).isEmpty();
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
