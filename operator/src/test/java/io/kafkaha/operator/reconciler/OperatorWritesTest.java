package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ResourceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator writes to the API (POST, PUT, PATCH, DELETE by its own client, told apart by its User-Agent):
 * nothing when it reconciles a settled cluster whose spec did not change, and only what a spec change changes.
 * A reconciliation is triggered by an annotation someone else puts on an owned Service (an event the operator must
 * look at, with nothing to do) and has begun acting when it asks Kafka (after applying the owned objects); one
 * cluster's reconciliations run one at a time, so a reconciliation has written everything once the next one asks.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorWritesTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();
    private static final String NAME = "kafka";
    private static final String OPERATOR_AGENT = "kafka-ha-operator-under-test";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    KubernetesMockServer server;
    KubernetesClient client;
    private final AtomicInteger reconciliations = new AtomicInteger();
    private KubernetesClient operatorClient;
    private FakeStatefulSetController statefulSets;
    private Operator operator;
    private ClusterUser user;

    @BeforeEach
    void startOperator() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        // The test client's serialization: a new one scans the classpath for model classes, which on a loaded
        // machine blocks the operator's watches for many seconds.
        operatorClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build())
                .withKubernetesSerialization(client.getKubernetesSerialization())
                .build();
        statefulSets = new FakeStatefulSetController(client);
        user = new ClusterUser(client, NAME);
        FakeKafka kafka = new FakeKafka();
        operator = MockApiOperator.start(operatorClient, new TestClock(), cluster -> {
            reconciliations.incrementAndGet();
            return kafka.observe(cluster);
        });
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        operator.stop();
        statefulSets.close();
        operatorClient.close();
    }

    @Test
    void aSettledClusterGetsNoWritesAndASpecChangeOnlyWhatChanged() throws InterruptedException {
        user.create(user.seed());
        user.awaitReady(3, 3);
        reconcileAgain();
        operatorWrites();

        reconcileAgain();
        reconcileAgain();
        reconcileAgain();
        reconcileAgain();
        assertThat(operatorWrites()).as("writes of no-op reconciliations").isEmpty();

        user.edit(spec -> spec.getBrokers().setReplicas(4));
        user.awaitReady(3, 4);
        reconcileAgain();
        reconcileAgain();
        List<String> writes = operatorWrites();
        assertThat(writes).as("writes for one more broker")
                .containsOnlyOnce("PUT statefulsets " + ResourceNames.statefulSet(NAME, NodeRole.BROKER),
                        "PUT configmaps " + ResourceNames.configMap(NAME))
                .contains("PATCH kafkaclusters/status " + NAME)
                .allMatch(write -> write.startsWith("PATCH kafkaclusters/status ") || write.equals("POST events")
                        || write.equals("PUT statefulsets " + ResourceNames.statefulSet(NAME, NodeRole.BROKER))
                        || write.equals("PUT configmaps " + ResourceNames.configMap(NAME)));
        // Two events: the spec applied (Updated) and the broker scaling's step (BrokersScaling: adding kafka-broker-3).
        assertThat(writes).filteredOn("POST events"::equals).hasSize(2);
    }

    /** Triggers a reconciliation and waits until it asks Kafka, so the ones before it have finished. */
    private void reconcileAgain() {
        int before = reconciliations.get();
        client.services().withName(ResourceNames.bootstrapService(NAME)).edit(service -> {
            Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(
                    service.getMetadata().getAnnotations(), Map.of()));
            annotations.put("example.com/touched", String.valueOf(before));
            service.getMetadata().setAnnotations(annotations);
            return service;
        });
        await().atMost(ClusterUser.TIMEOUT).until(() -> reconciliations.get() > before);
    }

    /**
     * The operator's writes since the last call, as "VERB resource name" ("POST events" for events). A request is
     * recorded before it is answered, so every write the operator has finished is there; others, such as the fake
     * StatefulSet controller, go on making requests, so this takes what is there without waiting for more.
     */
    private List<String> operatorWrites() throws InterruptedException {
        List<String> writes = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            if (OPERATOR_AGENT.equals(request.getHeader("User-Agent")) && WRITES.contains(request.getMethod())) {
                writes.add(describe(request.getMethod(), request.getPath()));
            }
        }
        return writes;
    }

    private static String describe(String method, String path) {
        ApiPermission permission = RequestAttributes.of(method, path).orElseThrow();
        String resource = permission.resource();
        List<String> segments = Arrays.asList(path.replaceAll("\\?.*", "").split("/"));
        int plural = segments.lastIndexOf(resource.replaceAll("/.*", ""));
        String name = plural + 1 < segments.size() ? " " + segments.get(plural + 1) : "";
        return method + " " + resource + (resource.equals("events") ? "" : name);
    }
}
