package io.kafkaha.cli.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.cli.KafkaHaCommand;
import io.kafkaha.cli.drill.DrillNode;
import io.kafkaha.cli.drill.FaultNotInjected;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.runtime.KubeconfigFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drill --kubernetes} refusing before it touches anything, against fabric8's CRUD mock API server: no such
 * KafkaCluster, a forbidden call, an API server nobody answers at; and the target deleting a pod (grace period 0),
 * then saying when it is not back.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDrillTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    /** The mock server logs every request through java.util.logging; held so the level setting sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void aMissingKafkaClusterIsRefusedWithHowToFindIt() throws IOException {
        assertThat(drill("--name", "kafka", "--namespace", "prod")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no KafkaCluster 'kafka' in namespace 'prod' at "
                + client.getConfiguration().getMasterUrl() + "; list them with 'kubectl get kafkaclusters -A'");
    }

    @Test
    void theNamespaceIsTheKubeconfigContextsByDefault() throws IOException {
        assertThat(drill("--name", "kafka")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no KafkaCluster 'kafka' in namespace 'default'");
    }

    @Test
    void aForbiddenCallNamesTheRbacRulesTheDrillNeeds() throws IOException {
        server.expect().get().withPath("/apis/kafkaha.io/v1beta1/namespaces/prod/kafkaclusters/kafka")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();

        assertThat(drill("--name", "kafka", "--namespace", "prod")).isEqualTo(1);

        assertThat(err.toString()).contains("refused to get kafkaclusters kafka in namespace prod (HTTP 403); the"
                + " drill needs, in the cluster's namespace: pods get, delete and kafkaclusters.kafkaha.io get");
    }

    @Test
    void anUnreachableApiServerIsRefusedWithinSeconds() throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, "https://127.0.0.1:1");
        Instant start = Instant.now();

        assertThat(run("drill", "--kubernetes", "--name", "kafka", "--kubeconfig", kubeconfig.toString()))
                .isEqualTo(1);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(err.toString()).startsWith("kafka-ha: cannot reach the Kubernetes API at https://127.0.0.1:1/")
                .contains("check kubectl config current-context").doesNotContain("\tat ");
    }

    @Test
    void killDeletesThePodAndStartSaysWhatIsNotBack() {
        createClusterWithPod("kafka-broker-1");

        try (KubernetesDrillTarget target = KubernetesDrillTarget.open(client, "prod", "kafka", "127.0.0.1:1")) {
            assertThat(target.brokers()).extracting(DrillNode::name)
                    .containsExactly("kafka-broker-0", "kafka-broker-1", "kafka-broker-2");
            assertThat(target.controllers()).extracting(DrillNode::nodeId).containsExactly(1000, 1001, 1002);
            assertThat(target.cannotPause()).isPresent();
            assertThat(target.cannotKeepDown()).isPresent();
            DrillNode broker = new DrillNode("kafka-broker-1", 1, NodeRole.BROKER);

            target.kill(List.of(broker));

            assertThat(client.pods().inNamespace("prod").withName("kafka-broker-1").get()).isNull();
            assertThatThrownBy(() -> target.start(List.of(broker), Duration.ofMillis(300)))
                    .isInstanceOf(FaultNotInjected.class)
                    .hasMessage("kafka-broker-1 not back within 0 s (pods not re-created and Ready: kafka-broker-1)");
        }
    }

    @Test
    void aForbiddenPodDeletionNamesTheRbacRules() {
        createClusterWithPod("kafka-broker-0");
        server.expect().delete().withPath("/api/v1/namespaces/prod/pods/kafka-broker-0")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();

        try (KubernetesDrillTarget target = KubernetesDrillTarget.open(client, "prod", "kafka", "127.0.0.1:1")) {
            assertThatThrownBy(() -> target.kill(List.of(new DrillNode("kafka-broker-0", 0, NodeRole.BROKER))))
                    .isInstanceOf(FaultNotInjected.class)
                    .hasMessageContaining("refused to delete pod kafka-broker-0 in namespace prod (HTTP 403); the"
                            + " drill needs");
        }
    }

    /** KafkaCluster prod/kafka of 3 + 3 nodes and one of its pods. */
    private void createClusterWithPod(String pod) {
        // createOr: on a loaded machine the client may retry a POST the server did apply (409 on the retry).
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile())
                .createOr(NonDeletingOperation::update);
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("kafka").withNamespace("prod").build());
        cluster.setSpec(new KafkaClusterSpec());
        client.resource(cluster).create();
        client.resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace("prod").endMetadata().build())
                .create();
    }

    private int drill(String... args) throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(dir, client.getConfiguration().getMasterUrl());
        String[] all = new String[args.length + 4];
        all[0] = "drill";
        all[1] = "--kubernetes";
        all[2] = "--kubeconfig";
        all[3] = kubeconfig.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return run(all);
    }

    private int run(String... args) {
        CommandLine commandLine = KafkaHaCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
