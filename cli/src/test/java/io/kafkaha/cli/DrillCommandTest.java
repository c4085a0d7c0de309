package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kafka-ha drill} refusing before it touches anything: no cluster named, bad flags, no such cluster. */
class DrillCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void neverGuessesTheCluster() {
        assertThat(run("drill")).isEqualTo(1);
        assertThat(err.toString()).contains("never guesses the cluster: name it with --name NAME or --dir DIR");
    }

    @Test
    void refusesBadFlagsBeforeLookingForTheCluster() {
        assertThat(run("drill", "--name", "x", "--faults", "broker-kill,disk-fill")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown fault 'disk-fill' in --faults; choose from broker-kill,");
        assertThat(run("drill", "--name", "x", "--rate", "-5")).isEqualTo(1);
        assertThat(err.toString()).contains("--rate must be a positive number");
        assertThat(run("drill", "--name", "x", "--records-per-fault", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--records-per-fault must be 1 or more");
        assertThat(run("drill", "--name", "x", "--pause-seconds", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--pause-seconds must be 1 or more");
    }

    @Test
    void neverGuessesTheKafkaClusterOnKubernetes() {
        assertThat(run("drill", "--kubernetes")).isEqualTo(1);
        assertThat(err.toString()).contains("the drill deletes pods, so it never guesses the cluster: name the"
                + " KafkaCluster with --name NAME (and --namespace NS, default the kubeconfig context's)");
        assertThat(run("drill", "--kubernetes", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--dir is for local clusters");
    }

    @Test
    void kubernetesOptionsNeedKubernetes() {
        assertThat(run("drill", "--name", "x", "--namespace", "kafka")).isEqualTo(1);
        assertThat(err.toString()).contains("--namespace, --kubeconfig, --context and --bootstrap-server are for"
                + " --kubernetes");
    }

    @Test
    void aDirWithoutAClusterIsAClearError() {
        assertThat(run("drill", "--dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no local cluster in " + dir);
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
