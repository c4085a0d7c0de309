package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.core.plan.PartitionPlacement;
import io.kafkaha.operator.scaling.BrokerScalingTurn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of a broker count change on the mock API server, with the fake StatefulSet controller and
 * {@link FakeKafka} keeping partitions and finishing submitted moves: a new broker gets its share of the
 * partitions, a leaving broker is emptied before its pod goes and unregistered after, a scale-down Kafka's topics
 * forbid is refused with nothing changed, a stuck move is reported, and a restarted operator resumes. Kafka's own
 * behaviour (reassignments, throttles) is proven with real processes by the local runtime's ScaleBrokersIT.
 */
@EnableKubernetesMockClient(crud = true)
class BrokerScalingTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final String NAME = "kafka";
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();

    KubernetesClient client;
    private final TestClock clock = new TestClock();
    private final FakeKafka kafka = new FakeKafka();
    private FakeStatefulSetController statefulSets;
    private Operator operator;
    private ClusterUser user;

    @BeforeEach
    void startOperator() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
        user = new ClusterUser(client, NAME);
        // 12 partitions of RF 3 (min ISR 2) on the three brokers: 36 replicas, 12 on each.
        kafka.partitions.put(NAME, IntStream.range(0, 12).mapToObj(p -> new PartitionPlacement("orders", p,
                List.of(p % 3, (p + 1) % 3, (p + 2) % 3), 2)).toList());
        operator = MockApiOperator.start(client, clock, kafka);
        user.create(user.seed());
        user.awaitReady(3, 3);
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void brokersGoFromThreeToFourAndBackWithTheirPartitions() {
        assertThat(brokerScaling().getReason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);

        user.edit(spec -> spec.getBrokers().setReplicas(4));
        awaitBrokerScaling("the cluster has its 4 broker(s); partitions spread over them");
        user.awaitReady(3, 4);
        // 36 replicas over 4 brokers: 9 each.
        assertThat(kafka.replicasPerBroker(NAME)).containsValues(9L, 9L, 9L, 9L).containsKeys(0, 1, 2, 3);
        assertThat(kafka.moveLog).last().isEqualTo("finish");
        assertThat(kafka.throttled).isFalse();
        assertThat(scalingEvents()).startsWith(
                "adding kafka-broker-3 (3 -> 4 brokers); partitions are spread over them once they serve");
        assertThat(scalingEvents()).anySatisfy(event -> assertThat(event)
                .matches("spreading partitions over 4 brokers: 0 of \\d+ done, throttle 50 MiB/s"));
        assertThat(user.current().getStatus().getBrokerScaling()).isNull();

        kafka.moveLog.clear();
        user.edit(spec -> spec.getBrokers().setReplicas(3));
        awaitBrokerScaling("the cluster has its 3 broker(s)");
        user.awaitReady(3, 3);
        assertThat(kafka.replicasPerBroker(NAME)).containsOnlyKeys(0, 1, 2).containsValues(12L, 12L, 12L);
        assertThat(kafka.moveLog).endsWith("finish", "unregister 3");
        assertThat(kafka.violations).isEmpty();
        assertThat(kafka.healthy(desiredOf3()).brokers()).extracting(b -> b.nodeId()).containsExactly(0, 1, 2);
        assertThat(client.apps().statefulSets().withName(NAME + "-broker").get().getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(scalingEvents()).contains(
                "moving partitions off kafka-broker-3: 0 of 9 done, throttle 50 MiB/s",
                "stopping kafka-broker-3: no partition has a replica on it any more (4 -> 3 brokers)",
                "unregistering kafka-broker-3 (broker 3): its pod is gone");
        // The removed broker's volume claim stays, as the retention policy says (Retain when scaled).
        assertThat(client.persistentVolumeClaims().list().getItems()).anySatisfy(claim ->
                assertThat(claim.getMetadata().getName()).endsWith(NAME + "-broker-3"));
    }

    @Test
    void aScaleDownBelowTheReplicationFactorIsRefusedAndChangesNothing() {
        user.edit(spec -> spec.getBrokers().setReplicas(2));

        await().atMost(ClusterUser.TIMEOUT).untilAsserted(() -> {
            Condition scaling = brokerScaling();
            assertThat(scaling.getReason()).isEqualTo(BrokerScalingTurn.REFUSED);
            assertThat(scaling.getStatus()).isEqualTo("False");
            assertThat(scaling.getMessage()).isEqualTo("cannot scale cluster 'kafka' from 3 to 2 brokers; nothing"
                    + " was changed: topic 'orders' has replication factor 3, more than the 2 broker(s) that would"
                    + " be left; keep at least 3 brokers, or lower the topic's replication factor first");
        });
        user.awaitEvent(ClusterEvents.BROKER_SCALING_REFUSED);
        assertThat(client.apps().statefulSets().withName(NAME + "-broker").get().getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(kafka.moveLog).isEmpty();
        assertThat(kafka.replicasPerBroker(NAME)).containsValues(12L, 12L, 12L);

        // Set back, the refusal clears.
        user.edit(spec -> spec.getBrokers().setReplicas(3));
        awaitBrokerScaling("the cluster has its 3 broker(s)");
    }

    @Test
    void aStuckMoveIsReportedHarmsNothingAndARestartedOperatorResumes() throws InterruptedException {
        kafka.movesStuck = true;
        user.edit(spec -> spec.getBrokers().setReplicas(4));
        await().atMost(ClusterUser.TIMEOUT).until(() -> BrokerScalingTurn.SPREADING.equals(brokerScaling().getReason()));

        clock.advance(BrokerScalingTurn.STALL_AFTER.plusMinutes(1));
        await().atMost(ClusterUser.TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(brokerScaling().getReason()).isEqualTo(BrokerScalingTurn.STALLED);
            assertThat(brokerScaling().getMessage()).contains("stalled: no partition move finished for 11 min");
        });
        user.awaitEvent(ClusterEvents.BROKER_SCALING_STALLED);
        assertThat(kafka.throttled).isTrue();
        assertThat(kafka.violations).isEmpty();

        // A new operator knows nothing the old one did not leave in Kubernetes; Kafka finishes the moves.
        operator.stop();
        operator = MockApiOperator.start(client, clock, kafka);
        kafka.movesStuck = false;
        awaitBrokerScaling("the cluster has its 4 broker(s); partitions spread over them");
        assertThat(kafka.replicasPerBroker(NAME)).containsValues(9L, 9L, 9L, 9L);
        assertThat(kafka.throttled).isFalse();
    }

    private io.kafkaha.operator.DesiredCluster desiredOf3() {
        return io.kafkaha.operator.DesiredCluster.of(user.current(), "fake");
    }

    private void awaitBrokerScaling(String message) {
        await().atMost(ClusterUser.TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Condition scaling = brokerScaling();
            assertThat(scaling.getMessage()).isEqualTo(message);
            assertThat(scaling.getStatus()).isEqualTo("True");
            assertThat(scaling.getReason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
        });
    }

    private Condition brokerScaling() {
        return user.current().getStatus().condition(KafkaClusterStatus.BROKER_SCALING).orElseThrow();
    }

    private List<String> scalingEvents() {
        return client.v1().events().inNamespace(client.getNamespace()).list().getItems().stream()
                .filter(e -> ClusterEvents.BROKERS_SCALING.equals(e.getReason()))
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(Event::getMessage).toList();
    }
}
