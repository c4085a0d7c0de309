package io.kafkaha.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.OperatorException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up checks against fabric8's CRUD mock API server and against an address nothing listens on. */
@EnableKubernetesMockClient(crud = true)
class OperatorPreflightTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    /** The mock server logs every request through java.util.logging; held so the level setting sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void missingCrdIsReportedWithTheFix() {
        assertThatThrownBy(() -> OperatorPreflight.check(client))
                .isInstanceOf(OperatorStartupException.class)
                .hasMessage("the KafkaCluster CRD (kafkaclusters.kafkaha.io, kafkaha.io/v1beta1) is not installed in"
                        + " the cluster at " + client.getConfiguration().getMasterUrl()
                        + "; install it with: kubectl apply -f charts/kafka-ha/crds/");
    }

    @Test
    void installedCrdPasses() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();

        assertThat(OperatorPreflight.check(client)).isNotBlank();
    }

    @Test
    void unreachableApiServerFailsFastWithTheAddress() throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
        Config config = KubernetesConfigs.withoutRetries(KubernetesConfigs.load(kubeconfig, null));
        Instant start = Instant.now();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> OperatorPreflight.check(unreachable))
                    .isInstanceOf(OperatorStartupException.class)
                    .hasMessageStartingWith("cannot reach the Kubernetes API at https://127.0.0.1:1/: ")
                    .hasMessageEndingWith("; check kubectl config current-context, or name another kubeconfig or"
                            + " context with --kubeconfig / --context");
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void kubeconfigErrorsNameTheFix() throws IOException {
        assertThatThrownBy(() -> KubernetesConfigs.load(dir.resolve("missing"), null))
                .isInstanceOf(OperatorStartupException.class)
                .hasMessageContaining("the kubeconfig file " + dir.resolve("missing") + " does not exist");
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
        assertThatThrownBy(() -> KubernetesConfigs.load(kubeconfig, "elsewhere"))
                .isInstanceOf(OperatorStartupException.class)
                .hasMessageContaining("elsewhere")
                .hasMessageContaining("kubectl config get-contexts");
        assertThat(KubernetesConfigs.load(kubeconfig, "test").getMasterUrl()).isEqualTo("https://127.0.0.1:1/");
    }

    @Test
    void startFailuresSayWhatFailedAndBlameRbacOnlyForA403() {
        String url = "https://127.0.0.1:6443/";
        KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("kafkaclusters.kafkaha.io is forbidden: User \"op\" cannot list resource").build());
        assertThat(OperatorPreflight.startFailure(new OperatorException("Couldn't start source", forbidden), url))
                .hasMessage("the Kubernetes API at " + url + " refused access (HTTP 403): kafkaclusters.kafkaha.io"
                        + " is forbidden: User \"op\" cannot list resource; the operator's user or service account"
                        + " needs the kafka-ha RBAC rules");

        // As JOSDK reported a KafkaCluster that did not deserialize, before such a spec read as UnreadableSpec.
        KubernetesClientException unreadable = new KubernetesClientException("An error has occurred.",
                new InvalidFormatException(null, "Cannot deserialize value of type `java.lang.Integer` from String"
                        + " \"three\"\n at [Source: (String)...]", "three", Integer.class));
        OperatorException informer = new OperatorException("Couldn't start informer for"
                + " kafkaclusters.kafkaha.io/v1beta1 resources", new OperatorException(new ExecutionException(
                        unreadable)));
        assertThat(OperatorPreflight.startFailure(new OperatorException("Error starting operator",
                new OperatorException(new ExecutionException(informer))), url))
                .hasMessage("the operator could not start: Couldn't start informer for kafkaclusters.kafkaha.io/v1beta1"
                        + " resources: Cannot deserialize value of type `java.lang.Integer` from String \"three\";"
                        + " the log above has the details");

        KubernetesClientException unreachable = new KubernetesClientException("Operation failed",
                new ConnectException("Connection refused"));
        assertThat(OperatorPreflight.startFailure(new OperatorException("Couldn't start source", unreachable), url))
                .hasMessageStartingWith("cannot reach the Kubernetes API at " + url + ": Connection refused; ");
        assertThat(OperatorPreflight.startFailure(new IllegalStateException("port 8080 is taken"), url))
                .hasMessage("the operator could not start: port 8080 is taken; the log above has the details");
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
