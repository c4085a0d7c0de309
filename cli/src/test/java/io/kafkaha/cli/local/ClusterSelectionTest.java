package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.cli.KafkaHaCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How commands name a local cluster to each other, and what the commands on an existing cluster accept. */
class ClusterSelectionTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void flagsSelectTheClusterByNameAndByDirOnlyWhenNotTheDefault() {
        assertThat(ClusterSelection.flagsFor(cluster(LocalHome.defaultClusterDir("kafka"), "kafka"))).isEmpty();
        assertThat(ClusterSelection.flagsFor(cluster(LocalHome.defaultClusterDir("orders"), "orders")))
                .isEqualTo(" --name orders");
        assertThat(ClusterSelection.flagsFor(cluster(dir.resolve("c1"), "kafka")))
                .isEqualTo(" --dir " + dir.resolve("c1"));
        assertThat(ClusterSelection.flagsFor(cluster(dir.resolve("my clusters/it's"), "orders")))
                .isEqualTo(" --name orders --dir '" + dir + "/my clusters/it'\\''s'");
    }

    @Test
    void commandsOnAnExistingClusterAcceptItsPortBaseAndRefuseAnother() {
        LocalCluster cluster = cluster(dir, "orders");
        cluster.state().save(cluster.layout());

        assertThat(run("local", "status", "--dir", dir.toString(), "--port-base", "23092")).isZero();
        assertThat(out.toString()).contains("Cluster 'orders'").contains("stopped");

        assertThat(run("local", "down", "--dir", dir.toString(), "--port-base", "9092")).isEqualTo(1);
        assertThat(err.toString()).contains("kafka-ha: cluster 'orders' in " + dir + " runs on --port-base 23092,"
                + " not 9092").contains("drop --port-base");
    }

    @Test
    void aStoppedClusterSelectedByDirIsReportedWithTheCommandThatStartsIt() {
        LocalCluster cluster = cluster(dir, "orders");
        cluster.state().save(cluster.layout());

        assertThat(run("topic", "list", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: cluster 'orders' in " + dir + " is not running; start it"
                + " with 'kafka-ha local up --name orders --dir " + dir + "'");
        assertThat(run("local", "bootstrap", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("start it with 'kafka-ha local up --name orders --dir " + dir + "'");
    }

    @Test
    void aClientCommandRefusesBothABootstrapServerAndALocalCluster() {
        assertThat(run("topic", "list", "-b", "127.0.0.1:1", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --bootstrap-server and --name/--dir both say where to"
                + " connect");
    }

    private static LocalCluster cluster(Path dir, String name) {
        return new LocalCluster(new ClusterLayout(dir),
                new LocalClusterState(name, "id", 3, 3, "127.0.0.1", 23092));
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
