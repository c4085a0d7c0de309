package io.kafkaha.operator.reconciler;

import static io.kafkaha.operator.reconciler.ClusterUser.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ResourceNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against fabric8's CRUD mock API server, with a fake StatefulSet controller standing in for
 * Kubernetes' (pods, volume claims, status). The mock server has no server-side apply and no garbage collector:
 * the operator runs with SSA off here, and deletion is checked through owner references plus a simulated GC.
 */
@EnableKubernetesMockClient(crud = true)
class KafkaClusterReconcilerTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final String NAME = "kafka";
    private static final Duration TIMEOUT = ClusterUser.TIMEOUT;
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();

    KubernetesClient client;
    private String namespace;
    private final TestClock clock = new TestClock();
    private FakeStatefulSetController statefulSets;
    private Operator operator;
    private ClusterUser user;

    @BeforeEach
    void startOperator() {
        namespace = client.getNamespace();
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
        user = new ClusterUser(client, NAME);
        operator = MockApiOperator.start(client, clock);
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void seedClusterGetsAllObjectsOwnedAndBecomesReady() {
        KafkaCluster cluster = user.create(user.seed());

        KafkaClusterStatus status = user.awaitReady(3, 3);
        assertThat(status.getBootstrapServers()).isEqualTo(NAME + "." + namespace + ".svc:9092");
        assertThat(status.getVersion()).isEqualTo(KafkaClusterSpec.DEFAULT_VERSION);
        assertThat(status.getBrokers()).isEqualTo("3/3");
        assertThat(status.getControllers()).isEqualTo("3/3");
        assertThat(status.getClusterId()).isEqualTo(storedClusterId());
        KafkaCluster current = user.current();
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactlyInAnyOrder("SpecValid", "Ready", "Rolling", "ControllerQuorum", "BrokerScaling",
                        "Warnings");
        assertThat(status.condition(KafkaClusterStatus.BROKER_SCALING).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(status.condition(KafkaClusterStatus.WARNINGS).orElseThrow().getStatus()).isEqualTo("False");
        assertThat(status.condition(KafkaClusterStatus.CONTROLLER_QUORUM).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(status.condition(KafkaClusterStatus.ROLLING).orElseThrow().getStatus()).isEqualTo("False");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(c.getLastTransitionTime()).isNotBlank();
        });

        for (HasMetadata owned : ownedObjects()) {
            assertThat(owned).as(owned.getKind() + " " + owned.getMetadata().getName()).isNotNull();
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("KafkaCluster");
                assertThat(owner.getApiVersion()).isEqualTo("kafkaha.io/v1beta1");
                assertThat(owner.getName()).isEqualTo(NAME);
                assertThat(owner.getUid()).isEqualTo(cluster.getMetadata().getUid());
            });
        }
        // Not owned: they outlive the cluster.
        assertThat(clusterIdConfigMap().getMetadata().getOwnerReferences()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .extracting(pvc -> pvc.getMetadata().getName())
                .contains("data-kafka-broker-0", "data-kafka-broker-2", "data-kafka-controller-1")
                .hasSize(6);
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .allSatisfy(pvc -> assertThat(pvc.getMetadata().getOwnerReferences()).isEmpty());
        assertThat(statefulSet(NodeRole.BROKER).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(env -> assertThat(env.getValue()).isEqualTo(status.getClusterId()));
        user.awaitEvent(ClusterEvents.CREATED);
    }

    @Test
    void specChangeUpdatesStatefulSetAndConfig() {
        user.create(user.seed());
        user.awaitReady(3, 3);

        user.edit(spec -> {
            spec.getBrokers().setReplicas(4);
            spec.getBrokers().setConfig(Map.of("num.partitions", "6"));
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(statefulSet(NodeRole.BROKER).getSpec().getReplicas()).isEqualTo(4);
            assertThat(configMap().getData().get(ClusterNaming.roleConfigFile(NodeRole.BROKER)))
                    .contains("num.partitions=6");
        });
        user.awaitReady(3, 4);
        assertThat(client.pods().inNamespace(namespace).withName("kafka-broker-3").get()).isNotNull();
        assertThat(user.eventReasons()).contains(ClusterEvents.UPDATED);
    }

    @Test
    void lastTransitionTimeChangesOnlyWhenTheConditionStatusChanges() {
        user.create(user.seed());
        String readySince = readyCondition(user.awaitReady(3, 3)).getLastTransitionTime();

        // A new generation that renders the same pods (the default version, now explicit): Ready stays True.
        clock.advance(Duration.ofMinutes(5));
        user.edit(spec -> spec.setVersion(KafkaClusterSpec.DEFAULT_VERSION));
        long edited = user.current().getMetadata().getGeneration();
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(readyCondition(user.current().getStatus()).getObservedGeneration()).isEqualTo(edited));
        Condition stillReady = readyCondition(user.awaitReady(3, 3));
        assertThat(stillReady.getLastTransitionTime()).isEqualTo(readySince);

        statefulSets.podsBecomeReady = false;
        clock.advance(Duration.ofMinutes(5));
        user.edit(spec -> spec.getBrokers().setReplicas(4));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition notReady = readyCondition(user.current().getStatus());
            assertThat(notReady.getStatus()).isEqualTo("False");
            assertThat(notReady.getReason()).isEqualTo(ClusterStatusAggregator.NODES_NOT_READY);
            assertThat(notReady.getMessage()).contains("kafka-broker: 3/4 pods ready");
            assertThat(notReady.getLastTransitionTime()).isEqualTo("2025-01-01T00:10:00Z");
        });
        assertThat(user.current().getStatus().getBrokers()).isEqualTo("3/4");

        statefulSets.podsBecomeReady = true;
        clock.advance(Duration.ofMinutes(5));
        assertThat(readyCondition(user.awaitReady(3, 4)).getLastTransitionTime()).isEqualTo("2025-01-01T00:15:00Z");
    }

    @Test
    void badChangeIsRefusedFieldByFieldAndChangesNothing() {
        user.create(user.seed());
        user.awaitReady(3, 3);
        Map<String, String> before = versions(ownedObjects());
        StatefulSet brokersBefore = statefulSet(NodeRole.BROKER);

        // The mock server does not enforce the CRD schema, like any client that bypasses it.
        user.edit(spec -> {
            spec.getBrokers().setReplicas(0);
            spec.getBrokers().setConfig(Map.of("node.id", "7"));
            spec.getBrokers().setStorage(new StorageSpec("5Gi", null));
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            KafkaClusterStatus status = user.current().getStatus();
            Condition specValid = status.condition(ClusterStatusAggregator.SPEC_VALID).orElseThrow();
            assertThat(specValid.getStatus()).isEqualTo("False");
            assertThat(specValid.getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
            assertThat(specValid.getObservedGeneration()).isEqualTo(user.current().getMetadata().getGeneration());
            assertThat(specValid.getMessage())
                    .contains("spec.brokers.replicas")
                    .contains("spec.brokers.config")
                    .contains("node.id")
                    .contains("spec.brokers.storage.size: cannot shrink from 10Gi to 5Gi")
                    .contains("set it back to 10Gi");
            Condition ready = readyCondition(status);
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
            assertThat(ready.getMessage()).isEqualTo(specValid.getMessage());
        });
        user.awaitEvent(ClusterEvents.SPEC_REFUSED);

        assertThat(versions(ownedObjects())).isEqualTo(before);
        assertThat(statefulSet(NodeRole.BROKER).getSpec()).isEqualTo(brokersBefore.getSpec());
        assertThat(user.current().getStatus().getBrokers()).isEqualTo("3/3");

        user.edit(spec -> {
            spec.getBrokers().setReplicas(3);
            spec.getBrokers().setConfig(null);
            spec.getBrokers().setStorage(null);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(user.current().getStatus()
                .condition(ClusterStatusAggregator.SPEC_VALID).orElseThrow().getStatus()).isEqualTo("True"));
        user.awaitReady(3, 3);
    }

    @Test
    void invalidNewClusterCreatesNothing() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec(0, null));
        user.create(user.withSpec(spec));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(user.current().getStatus()).as("written yet").isNotNull();
            Condition ready = readyCondition(user.current().getStatus());
            assertThat(ready.getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
            assertThat(ready.getMessage()).contains("spec.brokers.replicas");
        });
        assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void clusterIdIsKeptAcrossOperatorRestarts() {
        user.create(user.seed());
        String clusterId = user.awaitReady(3, 3).getClusterId();
        assertThat(clusterId).isEqualTo(storedClusterId());

        operator.stop();
        operator = MockApiOperator.start(client, clock);
        user.edit(spec -> spec.getBrokers().setReplicas(4));

        user.awaitReady(3, 4);
        assertThat(user.current().getStatus().getClusterId()).isEqualTo(clusterId);
        assertThat(storedClusterId()).isEqualTo(clusterId);
        assertThat(statefulSet(NodeRole.CONTROLLER).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv()).anySatisfy(env -> assertThat(env.getValue()).isEqualTo(clusterId));
    }

    @Test
    void deletedClusterTakesItsObjectsButLeavesVolumesAndClusterId() {
        user.create(user.seed());
        String clusterId = user.awaitReady(3, 3).getClusterId();

        user.delete();
        collectGarbage();

        assertThat(ownedObjects()).containsOnlyNulls();
        assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems()).hasSize(6);
        assertThat(storedClusterId()).isEqualTo(clusterId);

        // Re-created under the same name, the cluster finds its volumes and the id they were formatted with.
        user.create(user.seed());
        assertThat(user.awaitReady(3, 3).getClusterId()).isEqualTo(clusterId);
    }

    // --- helpers

    private StatefulSet statefulSet(NodeRole role) {
        return client.apps().statefulSets().inNamespace(namespace).withName(ResourceNames.statefulSet(NAME, role))
                .get();
    }

    private ConfigMap configMap() {
        return client.configMaps().inNamespace(namespace).withName(ResourceNames.configMap(NAME)).get();
    }

    private ConfigMap clusterIdConfigMap() {
        return client.configMaps().inNamespace(namespace).withName(ResourceNames.clusterId(NAME)).get();
    }

    private String storedClusterId() {
        return clusterIdConfigMap().getData().get(ClusterIds.KEY);
    }

    /** Every object the operator owns for the cluster; null where one is missing. */
    private List<HasMetadata> ownedObjects() {
        Stream<HasMetadata> perRole = Stream.of(NodeRole.values()).flatMap(role -> Stream.of(
                statefulSet(role),
                client.services().inNamespace(namespace).withName(ResourceNames.headlessService(NAME, role)).get(),
                client.policy().v1().podDisruptionBudget().inNamespace(namespace)
                        .withName(ResourceNames.disruptionBudget(NAME, role)).get()));
        return Stream.concat(perRole, Stream.of(configMap(),
                client.services().inNamespace(namespace).withName(ResourceNames.bootstrapService(NAME)).get()))
                .collect(Collectors.toList());
    }

    private static Map<String, String> versions(List<HasMetadata> objects) {
        Map<String, String> versions = new TreeMap<>();
        objects.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                o.getMetadata().getResourceVersion()));
        return versions;
    }

    /**
     * What Kubernetes' garbage collector would do: delete every object whose owners are all gone (the StatefulSets
     * first, then their pods), until nothing more goes.
     */
    private void collectGarbage() {
        boolean deleted;
        do {
            Set<String> live = new HashSet<>();
            client.resources(KafkaCluster.class).inNamespace(namespace).list().getItems()
                    .forEach(c -> live.add(c.getMetadata().getUid()));
            List<HasMetadata> all = Stream.of(
                    client.apps().statefulSets().inNamespace(namespace).list().getItems(),
                    client.services().inNamespace(namespace).list().getItems(),
                    client.configMaps().inNamespace(namespace).list().getItems(),
                    client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems(),
                    client.pods().inNamespace(namespace).list().getItems(),
                    client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                    .flatMap(List::stream).map(HasMetadata.class::cast).toList();
            all.forEach(o -> live.add(o.getMetadata().getUid()));
            List<HasMetadata> orphans = all.stream().filter(o -> {
                List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
                return !owners.isEmpty() && owners.stream().noneMatch(owner -> live.contains(owner.getUid()));
            }).toList();
            statefulSets.podsBecomeReady = true;
            orphans.forEach(o -> client.resource(o).delete());
            deleted = !orphans.isEmpty();
        } while (deleted);
    }
}
