package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.operator.ResourceNames;
import io.kafkaha.operator.reconciler.AdminKafkaHealthProbe;
import io.kafkaha.operator.reconciler.KafkaClusterReconciler;
import io.kafkaha.operator.reconciler.KafkaHaOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * The operator on a Kubernetes whose pods are real Kafka processes, in one call: fabric8's mock API server (CRUD,
 * the KafkaCluster CRD registered), the operator as the tests run it there (no server-side apply) with the real
 * {@link AdminKafkaHealthProbe}, so Ready is Kafka's view too, and a {@link ProcessKubelet} for the namespace.
 * <p>
 * The test JVM must resolve names through the kubelet's hosts file: start it with
 * {@code -Djdk.net.hosts.file=<file>} (failsafe's argLine), which this harness then keeps written.
 */
public final class OperatorOnProcessKubelet implements AutoCloseable {
    /** The mock server logs every request through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quietMockServerLog();

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private volatile Operator operator;
    private final ProcessKubelet kubelet;
    private final String namespace;

    private OperatorOnProcessKubelet(KubernetesMockServer server, KubernetesClient client, Operator operator,
                                     ProcessKubelet kubelet, String namespace) {
        this.server = server;
        this.client = client;
        this.operator = operator;
        this.kubelet = kubelet;
        this.namespace = namespace;
    }

    /**
     * Starts it all; pods of {@code namespace} run under {@code workDir} on {@code addressPrefix + 10...}, a part of
     * 127/8 no other test uses.
     */
    public static OperatorOnProcessKubelet start(String namespace, Path workDir, String addressPrefix) {
        Path hostsFile = hostsFile();
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        PodDeletions deletions = new PodDeletions(responses);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                deletions, false);
        server.init();
        KubernetesClient client = server.createClient();
        // createOr: on a loaded machine the client may retry a POST the server did apply (409 on the retry).
        client.apiextensions().v1().customResourceDefinitions().load(crd().toFile())
                .createOr(NonDeletingOperation::update);
        ProcessKubelet kubelet = ProcessKubelet.start(client, namespace, workDir, addressPrefix, hostsFile,
                deletions::take);
        Operator operator = operator(client);
        return new OperatorOnProcessKubelet(server, client, operator, kubelet, namespace);
    }

    /**
     * As the operator's own tests run it on the mock API server, which has no server-side apply (their
     * MockApiOperator), but asking Kafka itself.
     */
    private static Operator operator(KubernetesClient client) {
        Operator operator = KafkaHaOperator.create(client, Set.of(),
                new KafkaClusterReconciler(Clock.systemUTC(), new AdminKafkaHealthProbe()),
                overrides -> overrides
                        .withSSABasedCreateUpdateMatchForDependentResources(false)
                        .withUseSSAToPatchPrimaryResource(false));
        operator.start();
        return operator;
    }

    private static java.util.logging.Logger quietMockServerLog() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** The JVM's {@code jdk.net.hosts.file}, with localhost in it: every lookup reads that file, localhost's too. */
    private static Path hostsFile() {
        String file = System.getProperty("jdk.net.hosts.file");
        if (file == null) {
            throw new IllegalStateException("the test JVM resolves no pod names: start it with"
                    + " -Djdk.net.hosts.file=<a path under target/> (failsafe's argLine), the kubelet writes it");
        }
        Path path = Path.of(file).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                Files.writeString(path, "127.0.0.1 localhost\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private static Path crd() {
        return Path.of(System.getProperty("kafkaha.crd", "../charts/kafka-ha/crds/kafkaclusters.kafkaha.io-v1.yml"));
    }

    /**
     * Stops the operator, as a crash or an upgrade of its Deployment would, and starts a new one: it knows only
     * what Kubernetes and Kafka hold.
     */
    public void restartOperator() {
        operator.stop();
        operator = operator(client);
    }

    public KubernetesClient client() {
        return client;
    }

    public ProcessKubelet kubelet() {
        return kubelet;
    }

    public String namespace() {
        return namespace;
    }

    /** Creates the cluster in the namespace, as a user would apply it. */
    public KafkaCluster create(KafkaCluster cluster) {
        cluster.getMetadata().setNamespace(namespace);
        return client.resource(cluster).create();
    }

    /** The cluster as stored now; null if there is none. */
    public KafkaCluster cluster(String name) {
        return client.resources(KafkaCluster.class).inNamespace(namespace).withName(name).get();
    }

    /** The cluster's bootstrap Service, {@code <name>.<namespace>.svc:9092}, resolving to its ready brokers. */
    public String bootstrapServers(String cluster) {
        return kubelet.bootstrapServers(ResourceNames.bootstrapService(cluster));
    }

    /** Until the cluster is Ready at its current generation (which includes Kafka's own view); its status then. */
    public KafkaClusterStatus awaitReady(String name, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            KafkaCluster cluster = cluster(name);
            assertThat(cluster.getStatus()).as("status of %s", name).isNotNull();
            Condition ready = cluster.getStatus().condition(KafkaClusterStatus.READY).orElseThrow();
            assertThat(ready.getStatus()).as("Ready: %s; the kubelet's last failure: %s", ready.getMessage(),
                    kubelet.lastFailure().map(Object::toString).orElse("none")).isEqualTo("True");
            assertThat(ready.getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
        });
        return cluster(name).getStatus();
    }

    /** Stops the operator first (so nothing acts on what goes away), then every pod, then the API server. */
    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            try {
                kubelet.close();
            } finally {
                client.close();
                server.destroy();
            }
        }
    }
}
