package io.kafkaha.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kafkaha.api.v1beta1.BrokerScalingStatus;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.PartitionMove;
import io.kafkaha.core.plan.PartitionPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The broker scaling turn's table: what each turn does from what Kubernetes and Kafka say. */
class BrokerScalingTurnTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final MoveSettings SETTINGS = MoveSettings.defaults();

    @Test
    void aNewClusterGetsTheSpecsCount() {
        BrokerScalingTurn turn = decide(4, true, null, List.of(), healthy(4), placement(List.of(), 4), null);

        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
    }

    @Test
    void aSettledClusterNeedsNoPlacement() {
        assertThat(BrokerScalingTurn.needsPlacement(3, set(3), null, healthy(3), true)).isFalse();
        assertThat(BrokerScalingTurn.needsPlacement(4, set(3), null, healthy(3), true)).isTrue();
        assertThat(BrokerScalingTurn.needsPlacement(3, set(3), spreading(null, null), healthy(3), true)).isTrue();

        BrokerScalingTurn turn = decide(3, true, set(3), pods(3), healthy(3), Optional.empty(), null);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
        assertThat(turn.message()).isEqualTo("the cluster has its 3 broker(s)");
        assertThat(turn.isSettled()).isTrue();
        assertThat(turn.blocksRoll()).isFalse();
    }

    @Test
    void scaleUpRaisesTheReplicasAtOnceAndRemembersToSpread() {
        BrokerScalingTurn turn = decide(4, true, set(3), pods(3), healthy(3), placement(threeBrokerTopic(), 3),
                null);

        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.ADDING);
        assertThat(turn.message()).isEqualTo("adding kafka-broker-3 (3 -> 4 brokers); partitions are spread over"
                + " them once they serve");
        assertThat(turn.status().getPhase()).isEqualTo(BrokerScalingStatus.SPREADING);
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(turn.blocksRoll()).isTrue();
    }

    /** The StatefulSet went to 4, but the status write that starts the spread failed: broker 3 serves, empty. */
    @Test
    void aSpreadWhoseStartWasNeverRecordedIsStillMade() {
        Optional<ClusterHealth> unspread = Optional.of(health(List.of(0, 1, 2, 3), List.of(), threeBrokerTopic()));
        assertThat(BrokerScalingTurn.needsPlacement(4, set(4), null, unspread, true)).isTrue();
        assertThat(BrokerScalingTurn.needsPlacement(4, set(4), null, unspread, false)).as("rebalanceOnScaleUp off")
                .isFalse();

        BrokerScalingTurn turn = decide(4, true, set(4), pods(4), unspread, placement(threeBrokerTopic(), 4), null);

        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.SPREADING);
        assertThat(turn.status().getPhase()).isEqualTo(BrokerScalingStatus.SPREADING);
        assertThat(((BrokerScalingTurn.Submit) turn.action()).batch())
                .allSatisfy(move -> assertThat(move.to()).contains(3));

        // Spread, or too small to spread (a single replica): nothing is due and no placement is read.
        Optional<ClusterHealth> spread = Optional.of(health(List.of(0, 1, 2, 3), List.of(), fourBrokerTopic()));
        assertThat(BrokerScalingTurn.needsPlacement(4, set(4), null, spread, true)).isFalse();
        Optional<ClusterHealth> tiny = Optional.of(health(List.of(0, 1, 2, 3), List.of(),
                List.of(new PartitionPlacement("seed", 0, List.of(0), 1))));
        assertThat(BrokerScalingTurn.needsPlacement(4, set(4), null, tiny, true)).isFalse();
        // A fenced broker is not empty for want of a spread: it is down.
        Optional<ClusterHealth> down = Optional.of(health(List.of(0, 1, 2), List.of(3), threeBrokerTopic()));
        assertThat(BrokerScalingTurn.needsPlacement(4, set(4), null, down, true)).isFalse();
    }

    @Test
    void scaleUpWithoutRebalancingOnlyAddsTheBrokers() {
        BrokerScalingTurn turn = decide(5, false, set(3), pods(3), healthy(3), placement(threeBrokerTopic(), 3),
                null);

        assertThat(turn.brokerReplicas()).isEqualTo(5);
        assertThat(turn.message()).isEqualTo("adding kafka-broker-3, kafka-broker-4 (3 -> 5 brokers); existing"
                + " partitions stay where they are (rebalanceOnScaleUp is off)");
        assertThat(turn.status()).isNull();
        assertThat(decide(5, false, set(5), pods(5), healthy(5), Optional.empty(), null).reason())
                .isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
    }

    @Test
    void spreadingWaitsForTheNewBrokerToServe() {
        BrokerScalingStatus previous = spreading(null, null);
        BrokerScalingTurn turn = decide(4, true, set(4), pods(4), healthy(3), placement(threeBrokerTopic(), 3),
                previous);

        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.ADDING);
        assertThat(turn.message()).isEqualTo("waiting: kafka-broker-3 does not serve yet (registered and"
                + " unfenced); spreading partitions over 4 brokers starts then");
        assertThat(turn.status()).isEqualTo(previous);
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
    }

    @Test
    void spreadingSubmitsABatchThenWaitsForItThenFinishes() {
        BrokerScalingTurn first = decide(4, true, set(4), pods(4), healthy(4), placement(threeBrokerTopic(), 4),
                spreading(null, null));

        assertThat(first.reason()).isEqualTo(BrokerScalingTurn.SPREADING);
        BrokerScalingTurn.Submit submit = (BrokerScalingTurn.Submit) first.action();
        int total = first.status().getPartitions();
        assertThat(total).isPositive().isEqualTo(submit.batch().size());
        assertThat(submit.brokers()).extracting(BrokerSlot::id).containsExactly(0, 1, 2, 3);
        assertThat(first.message()).isEqualTo("spreading partitions over 4 brokers: 0 of " + total
                + " done, throttle 50 MiB/s");
        assertThat(submit.batch()).allSatisfy(move -> assertThat(move.to()).contains(3));

        // Next turn: Kafka moves the batch (its targets are the placement), one partition is done.
        List<PartitionPlacement> moved = applied(threeBrokerTopic(), submit.batch());
        Map<TopicPartition, PartitionReassignment> ongoing = ongoing(submit.batch().subList(1, total));
        BrokerScalingTurn second = decide(4, true, set(4), pods(4), healthy(4),
                Optional.of(new PartitionMover.Observed(moved, slots(4), ongoing)), first.status());
        assertThat(second.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(second.message()).isEqualTo("spreading partitions over 4 brokers: 1 of " + total
                + " done, throttle 50 MiB/s");
        assertThat(second.status().getPartitions()).isEqualTo(total);

        BrokerScalingTurn last = decide(4, true, set(4), pods(4), healthy(4), placement(moved, 4),
                second.status());
        assertThat(last.action()).isEqualTo(new BrokerScalingTurn.Finish());
        assertThat(last.reason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
        assertThat(last.message()).isEqualTo("the cluster has its 4 broker(s); partitions spread over them");
        assertThat(last.status()).isNull();
    }

    @Test
    void scaleDownEmptiesTheHighestBrokerWhileItsPodStays() {
        BrokerScalingTurn turn = decide(3, true, set(4), pods(4), healthy(4), placement(fourBrokerTopic(), 4), null);

        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.EMPTYING);
        BrokerScalingTurn.Submit submit = (BrokerScalingTurn.Submit) turn.action();
        assertThat(submit.batch()).allSatisfy(move -> {
            assertThat(move.from()).contains(3);
            assertThat(move.to()).doesNotContain(3).hasSize(3);
        });
        assertThat(turn.message()).isEqualTo("moving partitions off kafka-broker-3: 0 of " + submit.batch().size()
                + " done, throttle 50 MiB/s");
        assertThat(turn.status().getPhase()).isEqualTo(BrokerScalingStatus.EMPTYING);
    }

    @Test
    void batchesAreAtMostTheBatchSize() {
        List<PartitionPlacement> many = IntStream.range(0, 60)
                .mapToObj(p -> new PartitionPlacement("big", p, List.of(p % 4, (p + 1) % 4, (p + 2) % 4), 2))
                .toList();
        BrokerScalingTurn turn = decide(3, true, set(4), pods(4), healthy(4), placement(many, 4), null);

        assertThat(((BrokerScalingTurn.Submit) turn.action()).batch()).hasSize(SETTINGS.batchSize());
        assertThat(turn.status().getPartitions()).isEqualTo(45);
        assertThat(turn.message()).startsWith("moving partitions off kafka-broker-3: 0 of 45 done");
    }

    @Test
    void anEmptiedBrokerIsStoppedThenUnregisteredOnceItsPodIsGone() {
        List<PartitionPlacement> empty = threeBrokerTopic();
        BrokerScalingStatus previous = new BrokerScalingStatus(BrokerScalingStatus.EMPTYING, 4, 1, NOW.toString());
        BrokerScalingTurn stop = decide(3, true, set(4), pods(4), healthy(4), placement(empty, 4), previous);

        assertThat(stop.brokerReplicas()).isEqualTo(3);
        assertThat(stop.action()).isEqualTo(new BrokerScalingTurn.Finish());
        assertThat(stop.reason()).isEqualTo(BrokerScalingTurn.REMOVING);
        assertThat(stop.message()).isEqualTo("stopping kafka-broker-3: no partition has a replica on it any more"
                + " (4 -> 3 brokers)");
        assertThat(stop.status()).isNull();

        BrokerScalingTurn stopping = decide(3, true, set(3), pods(4), healthy(4), Optional.empty(), null);
        assertThat(stopping.reason()).isEqualTo(BrokerScalingTurn.REMOVING);
        assertThat(stopping.message()).isEqualTo("waiting for kafka-broker-3 to stop before unregistering");
        assertThat(stopping.action()).isEqualTo(new BrokerScalingTurn.None());

        ClusterHealth fenced = health(List.of(0, 1, 2), List.of(3), threeBrokerTopic());
        BrokerScalingTurn unregister = decide(3, true, set(3), pods(3), Optional.of(fenced), Optional.empty(), null);
        assertThat(unregister.action()).isEqualTo(new BrokerScalingTurn.Unregister(List.of(3)));
        assertThat(unregister.message()).isEqualTo("unregistering kafka-broker-3 (broker 3): its pod is gone");
        assertThat(unregister.brokerReplicas()).isEqualTo(3);

        assertThat(decide(3, true, set(3), pods(3), healthy(3), Optional.empty(), null).reason())
                .isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
    }

    @Test
    void aGoneBrokerThatStillHoldsReplicasIsNotUnregistered() {
        ClusterHealth holding = health(List.of(0, 1, 2), List.of(3), fourBrokerTopic());
        BrokerScalingTurn turn = decide(3, true, set(3), pods(3), Optional.of(holding), Optional.empty(), null);

        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.WAITING);
        assertThat(turn.message()).startsWith("broker 3 still hold(s) replicas");
    }

    @Test
    void aScaleDownBelowTheReplicationFactorIsRefusedAndChangesNothing() {
        BrokerScalingTurn turn = decide(2, true, set(3), pods(3), healthy(3), placement(threeBrokerTopic(), 3),
                null);

        assertThat(turn.brokerReplicas()).isEqualTo(3);
        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.REFUSED);
        assertThat(turn.message()).isEqualTo("cannot scale cluster 'kafka' from 3 to 2 brokers; nothing was"
                + " changed: topic 'orders' has replication factor 3, more than the 2 broker(s) that would be left;"
                + " keep at least 3 brokers, or lower the topic's replication factor first");
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(turn.status()).isNull();
        assertThat(turn.isSettled()).isTrue();
    }

    @Test
    void aScaleDownToMinInSyncReplicasIsRefused() {
        List<PartitionPlacement> minIsrTwo = List.of(new PartitionPlacement("payments", 0, List.of(0, 1), 2),
                new PartitionPlacement("payments", 1, List.of(1, 2), 2));
        BrokerScalingTurn turn = decide(2, true, set(3), pods(3), healthy(3), placement(minIsrTwo, 3), null);

        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.REFUSED);
        assertThat(turn.brokerReplicas()).isEqualTo(3);
        assertThat(turn.message()).isEqualTo("cannot scale cluster 'kafka' from 3 to 2 brokers; nothing was"
                + " changed: topic 'payments' has min.insync.replicas 2: with 2 broker(s) left, one broker down would"
                + " stop its acks=all writes; keep at least 3 brokers, or lower its min.insync.replicas first");
    }

    @Test
    void nothingMovesWhileKafkaCannotBeAskedOrABrokerIsDown() {
        BrokerScalingTurn blind = decide(3, true, set(4), pods(4), Optional.empty(), Optional.empty(), null);
        assertThat(blind.brokerReplicas()).isEqualTo(4);
        assertThat(blind.reason()).isEqualTo(BrokerScalingTurn.WAITING);
        assertThat(blind.message()).isEqualTo("waiting: moving partitions off kafka-broker-3 needs Kafka, which"
                + " cannot be asked (down)");
        assertThat(blind.action()).isEqualTo(new BrokerScalingTurn.None());

        ClusterHealth oneFenced = health(List.of(0, 2, 3), List.of(1), fourBrokerTopic());
        BrokerScalingTurn down = decide(3, true, set(4), pods(4), Optional.of(oneFenced),
                placement(fourBrokerTopic(), 4), null);
        assertThat(down.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(down.brokerReplicas()).isEqualTo(4);
        assertThat(down.message()).isEqualTo("waiting: kafka-broker-1 does not serve yet (registered and"
                + " unfenced); moving partitions off kafka-broker-3 starts then");
    }

    @Test
    void aLeavingBrokerMissingFromThePlacementIsWaitedForNotRefused() {
        BrokerScalingTurn turn = decide(3, true, set(4), pods(4), healthy(4), placement(fourBrokerTopic(), 3), null);

        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.WAITING);
        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(turn.message()).isEqualTo("waiting: moving partitions off kafka-broker-3: broker(s) [3] are not"
                + " registered in the cluster (brokers: [0, 1, 2])");
    }

    @Test
    void aBatchWithoutProgressIsReportedStalledAndWaitedFor() {
        List<PartitionMove> batch = List.of(new PartitionMove("orders", 0, List.of(3, 0, 1), List.of(2, 0, 1)));
        // One partition moving, seven more to move off broker 3 once it is done.
        BrokerScalingStatus previous = new BrokerScalingStatus(BrokerScalingStatus.EMPTYING, 10, 8,
                NOW.minus(BrokerScalingTurn.STALL_AFTER).minusSeconds(60).toString());
        PartitionMover.Observed observed = new PartitionMover.Observed(applied(fourBrokerTopic(), batch), slots(4),
                ongoing(batch));
        BrokerScalingTurn turn = decide(3, true, set(4), pods(4), healthy(4), Optional.of(observed), previous);

        assertThat(turn.reason()).isEqualTo(BrokerScalingTurn.STALLED);
        assertThat(turn.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(turn.brokerReplicas()).isEqualTo(4);
        assertThat(turn.message()).startsWith("moving partitions off kafka-broker-3: 2 of 10 done, throttle 50 MiB/s;"
                + " stalled: no partition move finished for 11 min (still moving orders-0)");
        assertThat(turn.status()).isEqualTo(previous);

        BrokerScalingStatus recent = new BrokerScalingStatus(BrokerScalingStatus.EMPTYING, 10, 9,
                NOW.minus(Duration.ofHours(1)).toString());
        BrokerScalingTurn progressed = decide(3, true, set(4), pods(4), healthy(4), Optional.of(observed), recent);
        assertThat(progressed.reason()).isEqualTo(BrokerScalingTurn.EMPTYING);
        assertThat(progressed.status().getLastProgressTime()).isEqualTo(NOW.toString());
    }

    @Test
    void aScaleDownCalledOffFinishesTheMovesUnderWay() {
        List<PartitionMove> batch = List.of(new PartitionMove("orders", 0, List.of(3, 0, 1), List.of(2, 0, 1)));
        BrokerScalingStatus previous = new BrokerScalingStatus(BrokerScalingStatus.EMPTYING, 5, 1, NOW.toString());
        PartitionMover.Observed moving = new PartitionMover.Observed(applied(fourBrokerTopic(), batch), slots(4),
                ongoing(batch));

        BrokerScalingTurn waiting = decide(4, false, set(4), pods(4), healthy(4), Optional.of(moving), previous);
        assertThat(waiting.reason()).isEqualTo(BrokerScalingTurn.EMPTYING);
        assertThat(waiting.action()).isEqualTo(new BrokerScalingTurn.None());
        assertThat(waiting.message()).startsWith("finishing the partition moves under way: 4 of 5 done");

        BrokerScalingTurn done = decide(4, false, set(4), pods(4), healthy(4),
                placement(applied(fourBrokerTopic(), batch), 4), waiting.status());
        assertThat(done.action()).isEqualTo(new BrokerScalingTurn.Finish());
        assertThat(done.reason()).isEqualTo(BrokerScalingTurn.AS_SPECIFIED);
    }

    private static BrokerScalingTurn decide(int desired, boolean rebalance, StatefulSet set, List<Pod> pods,
                                            Optional<ClusterHealth> kafka, Optional<PartitionMover.Observed> placement,
                                            BrokerScalingStatus previous) {
        return BrokerScalingTurn.decide(new BrokerScalingTurn.Inputs("kafka", desired, rebalance, set, pods, kafka,
                kafka.isEmpty() ? "down" : null, placement, previous, NOW, SETTINGS));
    }

    private static BrokerScalingStatus spreading(Integer total, Integer remaining) {
        return new BrokerScalingStatus(BrokerScalingStatus.SPREADING, total, remaining, NOW.toString());
    }

    /** 6 partitions of RF 3, min ISR 2, on brokers 0-2. */
    private static List<PartitionPlacement> threeBrokerTopic() {
        return IntStream.range(0, 6).mapToObj(p -> new PartitionPlacement("orders", p,
                List.of(p % 3, (p + 1) % 3, (p + 2) % 3), 2)).toList();
    }

    /** 8 partitions of RF 3, min ISR 2, on brokers 0-3. */
    private static List<PartitionPlacement> fourBrokerTopic() {
        return IntStream.range(0, 8).mapToObj(p -> new PartitionPlacement("orders", p,
                List.of(p % 4, (p + 1) % 4, (p + 2) % 4), 2)).toList();
    }

    private static List<PartitionPlacement> applied(List<PartitionPlacement> before, List<PartitionMove> moves) {
        List<PartitionPlacement> after = new ArrayList<>(before);
        for (PartitionMove move : moves) {
            after.replaceAll(p -> p.topic().equals(move.topic()) && p.partition() == move.partition()
                    ? new PartitionPlacement(p.topic(), p.partition(), move.to(), p.minIsr()) : p);
        }
        return after;
    }

    private static Map<TopicPartition, PartitionReassignment> ongoing(List<PartitionMove> moves) {
        Map<TopicPartition, PartitionReassignment> ongoing = new HashMap<>();
        for (PartitionMove move : moves) {
            List<Integer> all = new ArrayList<>(move.to());
            move.removing().forEach(all::add);
            ongoing.put(new TopicPartition(move.topic(), move.partition()),
                    new PartitionReassignment(all, move.adding(), move.removing()));
        }
        return ongoing;
    }

    private static Optional<PartitionMover.Observed> placement(List<PartitionPlacement> partitions, int brokers) {
        return Optional.of(new PartitionMover.Observed(partitions, slots(brokers), Map.of()));
    }

    private static List<BrokerSlot> slots(int brokers) {
        return IntStream.range(0, brokers).mapToObj(id -> new BrokerSlot(id, null)).toList();
    }

    private static Optional<ClusterHealth> healthy(int brokers) {
        return Optional.of(health(IntStream.range(0, brokers).boxed().toList(), List.of(), List.of()));
    }

    private static ClusterHealth health(List<Integer> serving, List<Integer> fenced,
                                        List<PartitionPlacement> partitions) {
        List<ClusterHealth.Broker> brokers = new ArrayList<>();
        serving.forEach(id -> brokers.add(new ClusterHealth.Broker(id, "b" + id + ":9092", false)));
        fenced.forEach(id -> brokers.add(new ClusterHealth.Broker(id, "b" + id + ":9092", true)));
        return new ClusterHealth("id", 1000, 1, List.of(new ClusterHealth.Voter(1000, 0)), brokers,
                partitions.stream().map(p -> new ClusterHealth.PartitionState(p.topic(), p.partition(),
                        p.replicas().get(0), p.replicas(), p.replicas(), p.minIsr())).toList());
    }

    private static StatefulSet set(int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName("kafka-broker").endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build();
    }

    private static List<Pod> pods(int count) {
        return IntStream.range(0, count).mapToObj(ordinal -> new PodBuilder().withNewMetadata()
                .withName("kafka-broker-" + ordinal).endMetadata().build()).toList();
    }
}
