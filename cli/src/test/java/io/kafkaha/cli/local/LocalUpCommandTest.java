package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kafkaha.cli.KafkaHaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code local up} options that are refused before anything starts, and with nothing written. */
class LocalUpCommandTest {
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();

    @Test
    void aTimeoutOfZeroOrLessIsRefused() throws IOException {
        for (String timeout : new String[] {"0", "-3"}) {
            assertThat(run("local", "up", "--dir", dir.toString(), "--timeout", timeout)).isEqualTo(1);
            assertThat(err.toString()).contains("kafka-ha: --timeout " + timeout + " leaves no time for the cluster"
                    + " to start; give the seconds to wait for it, 1 or more");
        }
        assertEmpty(dir);
    }

    @Test
    void anEvenNumberOfControllersIsRefusedWithTheReason() throws IOException {
        assertThat(run("local", "up", "--dir", dir.toString(), "--controllers", "2")).isEqualTo(1);
        assertThat(err.toString()).contains("kafka-ha: --controllers 2 is even: the KRaft quorum needs a majority")
                .contains("2 survive no more failures than 1").contains("use 3 (survives one failure)");
        assertEmpty(dir);
        assertThat(parse("--controllers", "4")).satisfies(command ->
                assertThatCode(command::refuseBadOptions).hasMessageContaining("--controllers 4 is even"));
        for (String odd : new String[] {"1", "3", "5"}) {
            assertThatCode(parse("--controllers", odd)::refuseBadOptions).doesNotThrowAnyException();
        }
    }

    @Test
    void aDirThatIsAFileIsRefusedWithoutAStackTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a cluster");
        assertThat(run("local", "up", "--dir", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --dir " + file + " is a file, not a directory")
                .doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo("not a cluster");
    }

    @Test
    void aDirUnderAFileOrUnderProcIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a cluster");
        assertThat(run("local", "up", "--dir", file.resolve("cluster").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot create --dir " + file.resolve("cluster") + ": " + file
                + " is a file, not a directory");

        Path underProc = Path.of("/proc/kafka-ha-test-cluster");
        if (Files.isDirectory(Path.of("/proc"))) {
            assertThat(run("local", "up", "--dir", underProc.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot create --dir " + underProc + ": /proc does not accept new"
                    + " directories").doesNotContain("Exception");
            assertThat(underProc).doesNotExist();
        }
    }

    @Test
    void aDirHoldingOtherFilesIsRefusedBecausePurgeWouldDeleteThem() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThat(run("local", "up", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("already holds other files but no kafka-ha cluster")
                .contains("'local down --purge' would delete all of them");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("notes.txt"));
        }
    }

    @Test
    void aNewOrEmptyDirIsAcceptedAndTheCheckLeavesNothingBehind() throws IOException {
        NewClusterDir.requireUsable(new ClusterLayout(dir));
        NewClusterDir.requireUsable(new ClusterLayout(dir.resolve("new/cluster")));
        assertEmpty(dir);
    }

    private LocalUpCommand parse(String... args) {
        LocalUpCommand command = new LocalUpCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
