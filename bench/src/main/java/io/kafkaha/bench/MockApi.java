package io.kafkaha.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode with server-side apply ({@link ApplyingCrudDispatcher}), the KafkaCluster
 * CRD registered (so the status is a subresource, as on a real server), a client of the benchmark's own (told
 * apart from the operator by its User-Agent) and a kubeconfig for the operator.
 */
final class MockApi implements AutoCloseable {
    static final String BENCH_AGENT = "kafka-ha-bench";
    static final String NAMESPACE = "bench";
    /** The mock server logs every request through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");
    private static final java.util.logging.Logger MOCK_CRUD_LOG = quiet("io.fabric8.kubernetes.client.server.mock");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ApiRequestLog requests;

    private MockApi(KubernetesMockServer server, KubernetesClient client, ApiRequestLog requests) {
        this.server = server;
        this.client = client;
        this.requests = requests;
    }

    static MockApi start(Path crd) {
        ApiRequestLog requests = new ApiRequestLog();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApplyingCrudDispatcher(requests), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url(server)).withNamespace(NAMESPACE)
                .withUserAgent(BENCH_AGENT).withRequestTimeout(30_000).build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        client.apiextensions().v1().customResourceDefinitions().load(crd.toFile()).create();
        return new MockApi(server, client, requests);
    }

    private static String url(KubernetesMockServer server) {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    KubernetesClient client() {
        return client;
    }

    ApiRequestLog requests() {
        return requests;
    }

    /** A kubeconfig whose current context is this server, in namespace {@link #NAMESPACE}. */
    Path writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters: [{name: mock, cluster: {server: \"" + url(server) + "\"}}]",
                "users: [{name: bench, user: {}}]",
                "contexts: [{name: mock, context: {cluster: mock, user: bench, namespace: " + NAMESPACE + "}}]",
                "current-context: mock", ""));
        return file;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
