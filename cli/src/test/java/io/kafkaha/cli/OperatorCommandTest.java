package io.kafkaha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.operator.runtime.KubeconfigFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kafka-ha operator} failing before it starts: bad flags, a missing kubeconfig, an API server nobody
 * answers at. (The CRD check against a mock API server is in the operator module's OperatorPreflightTest.)
 */
class OperatorCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void helpListsTheOptions() {
        assertThat(run("operator", "--help")).isZero();
        assertThat(out.toString()).contains("--namespace=NS", "--health-port=PORT", "--kubeconfig=FILE",
                "--context=NAME", "default: 8080; 0: off");
    }

    @Test
    void aNonNumericHealthPortIsAUsageError() {
        assertThat(run("operator", "--health-port", "http")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--health-port': 'http' is not an int");
    }

    @Test
    void anOutOfRangeHealthPortIsAUserError() {
        assertThat(run("operator", "--health-port", "70000")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("kafka-ha: --health-port must be between 0 (off) and 65535, not 70000"
                + System.lineSeparator());
    }

    @Test
    void anEmptyNamespaceIsAUserError() {
        assertThat(run("operator", "--namespace", "")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: --namespace must not be empty");
    }

    @Test
    void aMissingKubeconfigIsAUserError() {
        Path missing = dir.resolve("no-such-kubeconfig");
        assertThat(run("operator", "--kubeconfig", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: the kubeconfig file " + missing + " does not exist;");
    }

    @Test
    void anUnknownContextIsAUserError() throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
        assertThat(run("operator", "--kubeconfig", kubeconfig.toString(), "--context", "prod")).isEqualTo(1);
        assertThat(err.toString()).startsWith("kafka-ha: ").contains("prod")
                .contains("kubectl config get-contexts");
    }

    @Test
    void anUnreachableApiServerIsAUserErrorWithinSeconds() throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
        Instant start = Instant.now();

        assertThat(run("operator", "--kubeconfig", kubeconfig.toString(), "--health-port", "0")).isEqualTo(1);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(err.toString()).startsWith("kafka-ha: cannot reach the Kubernetes API at https://127.0.0.1:1/: ")
                .contains("check kubectl config current-context")
                .doesNotContain("Exception\n\tat ");
    }

    @Test
    void theApiServerIsCheckedBeforeTheHealthPortIsTaken() throws IOException {
        // A taken port would be reported too, but only once the cluster is known to be usable.
        try (ServerSocket taken = new ServerSocket(0)) {
            Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
            assertThat(run("operator", "--kubeconfig", kubeconfig.toString(),
                    "--health-port", String.valueOf(taken.getLocalPort()))).isEqualTo(1);
            assertThat(err.toString()).startsWith("kafka-ha: cannot reach the Kubernetes API");
        }
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
