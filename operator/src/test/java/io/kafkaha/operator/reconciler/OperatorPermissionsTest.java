package io.kafkaha.operator.reconciler;

import static io.kafkaha.operator.reconciler.ClusterUser.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.ResourceNames;
import io.kafkaha.operator.runtime.OperatorPreflight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules against what the operator really does: the operator runs a KafkaCluster's whole life against
 * fabric8's CRUD mock API server (as in {@link KafkaClusterReconcilerTest}, so without server-side apply) with a
 * client of its own, told apart by its User-Agent; every request it made is mapped to what RBAC checks. It must
 * have been allowed by {@link OperatorPermissions#rules(boolean) rules(false)}, and every rule must have been used.
 * The production rules, with SSA, differ in a way the JOSDK sources fix; that is checked without a server.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorPermissionsTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final Path DOCS = Path.of("..", "docs", "operator.md");
    private static final String NAME = "kafka";
    private static final String OPERATOR_AGENT = "kafka-ha-operator-under-test";
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();
    private static final Comparator<ApiPermission> PERMISSION_ORDER = Comparator.comparing(ApiPermission::group)
            .thenComparing(ApiPermission::resource).thenComparing(ApiPermission::verb, ApiPermission.VERB_ORDER);

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theOperatorUsesExactlyItsRulesOverAClustersLife() throws Exception {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        try (KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build();
             FakeStatefulSetController statefulSets = new FakeStatefulSetController(client)) {
            liveThroughAClustersLife(operatorClient);
        }
        Set<ApiPermission> used = operatorRequests();

        List<PolicyRule> rules = OperatorPermissions.rules(false);
        assertThat(used).as("requests the rules do not allow").filteredOn(p -> !PolicyRules.allow(rules, p))
                .isEmpty();
        assertThat(granted(rules)).as("rules the operator never used").filteredOn(p -> !used.contains(p))
                .isEmpty();
    }

    @Test
    void serverSideApplyPatchesInsteadOfUpdatingTheKindsItWrites() {
        Set<ApiPermission> withSsa = granted(OperatorPermissions.rules(true));
        Set<ApiPermission> withoutSsa = granted(OperatorPermissions.rules(false));

        // KubernetesDependentResource writes with an apply PATCH instead of POST/PUT; an apply that creates is
        // authorized as create too, so create stays. ConfigMaps are JOSDK's defaultNonSSAResources, and the status
        // is patched either way (apply or JSON patch): both are the same in either mode.
        Set<ApiPermission> appliedKinds = Set.of(
                new ApiPermission("", "services", ApiPermission.PATCH),
                new ApiPermission("apps", "statefulsets", ApiPermission.PATCH),
                new ApiPermission("policy", "poddisruptionbudgets", ApiPermission.PATCH));
        Set<ApiPermission> updatedKinds = Set.of(
                new ApiPermission("", "services", ApiPermission.UPDATE),
                new ApiPermission("apps", "statefulsets", ApiPermission.UPDATE),
                new ApiPermission("policy", "poddisruptionbudgets", ApiPermission.UPDATE));
        assertThat(difference(withSsa, withoutSsa)).isEqualTo(appliedKinds);
        assertThat(difference(withoutSsa, withSsa)).isEqualTo(updatedKinds);
        assertThat(withSsa).contains(new ApiPermission("apps", "statefulsets", ApiPermission.CREATE));
    }

    @Test
    void productionRulesAreOnePerGroupAndVerbs() {
        assertThat(OperatorPermissions.rules()).extracting(OperatorPermissionsTest::row).containsExactly(
                "| `\"\"` | `configmaps` | get, list, watch, create, update |",
                "| `\"\"` | `events` | create |",
                "| `\"\"` | `pods` | list, watch, delete |",
                "| `\"\"` | `services` | list, watch, create, patch |",
                "| `apps` | `statefulsets` | list, watch, create, patch |",
                "| `kafkaha.io` | `kafkaclusters` | list, watch |",
                "| `kafkaha.io` | `kafkaclusters/status` | patch |",
                "| `policy` | `poddisruptionbudgets` | list, watch, create, patch |");
        assertThat(OperatorPermissions.allows("kafkaha.io", "kafkaclusters/status", "patch")).isTrue();
        assertThat(OperatorPermissions.allows("kafkaha.io", "kafkaclusters/status", "update")).isFalse();
        assertThat(OperatorPermissions.allows("apps", "statefulsets", "delete")).isFalse();
        assertThat(OperatorPermissions.allows("", "configmaps", "get")).isTrue();
    }

    @Test
    void theDocsShowTheProductionRules() throws IOException {
        String table = OperatorPermissions.rules().stream().map(OperatorPermissionsTest::row)
                .collect(Collectors.joining("\n  ", "  ", "\n"));
        assertThat(Files.readString(DOCS)).contains(table);
    }

    /**
     * Create, scale and reconfigure, refuse a bad change, fail on a broken cluster id, restart and delete: every
     * path on which the operator calls the API.
     */
    private void liveThroughAClustersLife(KubernetesClient operatorClient) throws InterruptedException {
        TestClock clock = new TestClock();
        ClusterUser user = new ClusterUser(client, NAME);
        ClusterUser broken = new ClusterUser(client, "broken");
        OperatorPreflight.check(operatorClient);
        Operator operator = MockApiOperator.start(operatorClient, clock);
        try {
            user.create(user.seed());
            user.awaitReady(3, 3);
            user.awaitEvent(ClusterEvents.CREATED);

            user.edit(spec -> {
                spec.getBrokers().setReplicas(4);
                spec.getBrokers().setConfig(Map.of("num.partitions", "6"));
            });
            user.awaitReady(3, 4);
            user.awaitEvent(ClusterEvents.UPDATED);
            undoHandEdits();

            user.edit(spec -> spec.getBrokers().setReplicas(0));
            user.awaitEvent(ClusterEvents.SPEC_REFUSED);
            user.edit(spec -> spec.getBrokers().setReplicas(4));
            user.awaitReady(3, 4);

            // A cluster id ConfigMap without the id makes the reconciliation fail: the error status is patched.
            client.resource(new ConfigMapBuilder().withNewMetadata().withName(ResourceNames.clusterId("broken"))
                    .endMetadata().build()).create();
            broken.create(broken.seed());
            await().atMost(ClusterUser.TIMEOUT).until(() -> broken.current().getStatus() != null
                    && ClusterStatusAggregator.RECONCILE_FAILED.equals(
                            readyCondition(broken.current().getStatus()).getReason()));

            operator.stop();
            operator = MockApiOperator.start(operatorClient, clock);
            user.edit(spec -> spec.getBrokers().setReplicas(5));
            user.awaitReady(3, 5);

            user.delete();
            broken.delete();
        } finally {
            operator.stop();
        }
    }

    /**
     * Someone edits a Service and a PodDisruptionBudget by hand; the operator puts them back. (No spec change alters
     * them: their builders depend on the cluster's name only.)
     */
    private void undoHandEdits() {
        String bootstrap = ResourceNames.bootstrapService(NAME);
        String brokerBudget = ResourceNames.disruptionBudget(NAME, NodeRole.BROKER);
        client.services().withName(bootstrap).edit(service -> {
            service.getSpec().setSelector(Map.of("app", "elsewhere"));
            return service;
        });
        client.policy().v1().podDisruptionBudget().withName(brokerBudget).edit(budget -> {
            budget.getSpec().setMaxUnavailable(new IntOrString(2));
            return budget;
        });
        await().atMost(ClusterUser.TIMEOUT).untilAsserted(() -> {
            assertThat(client.services().withName(bootstrap).get().getSpec().getSelector())
                    .isEqualTo(Labels.selector(NAME, NodeRole.BROKER));
            assertThat(client.policy().v1().podDisruptionBudget().withName(brokerBudget).get().getSpec()
                    .getMaxUnavailable()).isEqualTo(new IntOrString(1));
        });
    }

    /**
     * What RBAC checked for each request of the operator's client, once everyone has stopped (the queue is then
     * drained); discovery needs no rule.
     */
    private Set<ApiPermission> operatorRequests() throws InterruptedException {
        Set<ApiPermission> used = new TreeSet<>(PERMISSION_ORDER);
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (OPERATOR_AGENT.equals(request.getHeader("User-Agent"))) {
                RequestAttributes.of(request.getMethod(), request.getPath()).ifPresent(used::add);
            }
        }
        return used;
    }

    /** Every (group, resource, verb) the rules name. */
    private static Set<ApiPermission> granted(List<PolicyRule> rules) {
        Set<ApiPermission> granted = new TreeSet<>(PERMISSION_ORDER);
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rule.getVerbs().forEach(verb -> granted.add(new ApiPermission(group, resource, verb)));
                }
            }
        }
        return granted;
    }

    private static Set<ApiPermission> difference(Set<ApiPermission> all, Set<ApiPermission> without) {
        return all.stream().filter(p -> !without.contains(p)).collect(Collectors.toSet());
    }

    /** The rule as a row of the table in docs/operator.md. */
    private static String row(PolicyRule rule) {
        String group = rule.getApiGroups().get(0).isEmpty() ? "\"\"" : rule.getApiGroups().get(0);
        return "| `" + group + "` | " + rule.getResources().stream().map(r -> "`" + r + "`")
                .collect(Collectors.joining(", ")) + " | " + String.join(", ", rule.getVerbs()) + " |";
    }
}
