package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake a user can make gets an error that says what is wrong and how to fix it, and harms nothing. */
class BadInputIT {
    @TempDir
    Path home;

    @Test
    void portInUseIsNamedAndNothingIsCreated() throws IOException {
        try (ServerSocket squatter = new ServerSocket(23092, 50, InetAddress.getLoopbackAddress())) {
            Cli.Result result = new Cli(home).run("local", "up", "--name", "busy", "--port-base", "23092");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("port 23092 on 127.0.0.1 is already in use").contains("--port-base");
        }
        assertThat(home.resolve("clusters/busy/cluster.properties")).doesNotExist();
    }

    @Test
    void invalidClusterShapesAreRefused() {
        Cli cli = new Cli(home);
        assertError(cli.run("local", "up", "--name", "zero", "--brokers", "0"), 1,
                "brokers.replicas: 0 is too few");
        assertError(cli.run("local", "up", "--name", "Bad_Name"), 1, "'Bad_Name' is not a valid cluster name");
        assertError(cli.run("local", "up", "--name", "far", "--port-base", "65400"), 1,
                "--port-base 65400 is out of range");
        assertError(cli.run("local", "up", "--brokers", "three"), 2, "Invalid value for option '--brokers'");
        assertThat(home.resolve("clusters")).doesNotExist();
    }

    @Test
    void upRefusesWhatCannotWorkBeforeStartingOrWritingAnything() throws IOException {
        Cli cli = new Cli(home);
        assertError(cli.run("local", "up", "--name", "t0", "--timeout", "0"), 1,
                "--timeout 0 leaves no time for the cluster to start");
        assertError(cli.run("local", "up", "--name", "t3", "--timeout", "-3"), 1,
                "--timeout -3 leaves no time for the cluster to start");
        assertError(cli.run("local", "up", "--name", "two", "--controllers", "2"), 1,
                "--controllers 2 is even: the KRaft quorum needs a majority");
        Path file = Files.writeString(home.resolve("a-file"), "mine");
        Cli.Result onAFile = cli.run("local", "up", "--dir", file.toString());
        assertError(onAFile, 1, "--dir " + file + " is a file, not a directory");
        assertThat(onAFile.err()).doesNotContain("Exception").hasLineCount(1);
        if (Files.isDirectory(Path.of("/proc"))) {
            Cli.Result underProc = cli.run("local", "up", "--dir", "/proc/kafka-ha-bad-input-it");
            assertError(underProc, 1, "cannot create --dir /proc/kafka-ha-bad-input-it: /proc does not accept");
            assertThat(underProc.err()).doesNotContain("Exception").hasLineCount(1);
        }
        assertThat(home.resolve("clusters")).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void internalTopicsAndNegativeLogCountsAreRefusedBeforeAnyClusterIsNeeded() {
        Cli cli = new Cli(home);
        assertError(cli.run("topic", "delete", "__consumer_offsets"), 1,
                "'__consumer_offsets' is one of Kafka's internal topics");
        assertError(cli.run("topic", "create", "__consumer_offsets"), 1,
                "'__consumer_offsets' is named like Kafka's internal topics");
        assertError(cli.run("local", "logs", "kafka-broker-0", "-n", "-1"), 1, "--lines -1 is negative");
    }

    @Test
    void commandsWithoutACluster() {
        Cli cli = new Cli(home);
        assertError(cli.run("topic", "list"), 1, "no local cluster is running");
        assertError(cli.run("local", "status", "--name", "nothing"), 1, "no local cluster in");
        assertError(cli.run("topic", "list", "--bootstrap-server", "127.0.0.1:1"), 1,
                "cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    void launcherRefusesAJavaThatIsTooOld() throws Exception {
        Path fakeJava = home.resolve("old-jdk/bin/java");
        Files.createDirectories(fakeJava.getParent());
        Files.writeString(fakeJava, "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("kafka-ha");
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "--version"))
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", home.resolve("old-jdk").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("Java 11").contains("too old").contains("Java 17 or newer");
    }

    @Test
    void aNodeThatFailsToStartIsReportedWithItsLog() throws IOException {
        try (LocalClusterFixture cluster = new LocalClusterFixture(home, "broken")) {
            // The next steps select this cluster in every command, client commands included.
            assertThat(cluster.up(24092, 1, 1).assertOk().out())
                    .contains("kafka-ha topic create messages --name broken")
                    .contains("kafka-ha local status --name broken");
            assertThat(cluster.cli.run("topic", "list", "--name", "broken").assertOk().err())
                    .contains("no topics at 127.0.0.1:24092");
            cluster.cli.run("local", "status", "--name", "broken", "--port-base", "24092").assertOk();
            assertError(cluster.cli.run("local", "status", "--name", "broken", "--port-base", "9092"), 1,
                    "cluster 'broken' in " + cluster.clusterDir() + " runs on --port-base 24092, not 9092");
            cluster.cli.run("local", "down", "--name", "broken").assertOk();
            // Another node's volume: Kafka refuses to start on it, as it must.
            Path meta = cluster.clusterDir().resolve("nodes/broken-broker-0/data/kafka-logs/meta.properties");
            Files.writeString(meta, Files.readString(meta).replaceAll("node\\.id=.*", "node.id=7"));

            Cli.Result result = cluster.up(24092, 1, 1);
            assertThat(result.exitCode()).isEqualTo(1);
            // Restarted as a pod would be, then reported once it keeps failing.
            assertThat(result.err()).contains("broken-broker-0 exited while starting (")
                    .contains("starting it again, as Kubernetes would")
                    .contains("broken-broker-0 exited while starting, 3 times. Last lines of")
                    .contains("Stored node id 7 doesn't match previous node id 0");
        }
    }

    private static void assertError(Cli.Result result, int exitCode, String message) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isEqualTo(exitCode);
        assertThat(result.err()).contains(message);
    }
}
