package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.plan.ReassignmentPlan.RefusalReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's table: a placement, a goal, and what the plan must achieve. Every plan that is not refused is
 * also checked for the rules that always hold: replication factors kept, no broker twice in a partition, nothing
 * left on an emptied broker, replicas and preferred leaders within one of each other per broker (when the goal
 * spreads), and planning the outcome again gives no moves.
 */
class PartitionMovePlannerTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // name, placement, brokers, goal, expected refusal (null: moves), expected copying moves (-1: any)
                Arguments.of("empty the 4th broker of a balanced 4", roundRobin("orders", 12, 3, 0, 1, 2, 3),
                        brokers(0, 1, 2, 3), new MoveGoal.EmptyBrokers(Set.of(3)), null, 9),
                Arguments.of("spread onto a new 4th broker", roundRobin("orders", 12, 3, 0, 1, 2),
                        brokers(0, 1, 2, 3), new MoveGoal.SpreadEvenly(), null, 9),
                Arguments.of("spread two topics onto two new brokers", concat(roundRobin("a", 10, 3, 0, 1, 2),
                        roundRobin("b", 7, 2, 0, 1, 2)), brokers(0, 1, 2, 3, 4), new MoveGoal.SpreadEvenly(), null,
                        -1),
                Arguments.of("already balanced: nothing moves", roundRobin("orders", 12, 3, 0, 1, 2),
                        brokers(0, 1, 2), new MoveGoal.SpreadEvenly(), null, 0),
                Arguments.of("RF 3 to 2 brokers refused", roundRobin("orders", 6, 3, 0, 1, 2), brokers(0, 1, 2),
                        new MoveGoal.EmptyBrokers(Set.of(2)), RefusalReason.FEWER_BROKERS_THAN_REPLICATION_FACTOR, 0),
                Arguments.of("min ISR 2 with 2 brokers left refused", withMinIsr(roundRobin("orders", 6, 2, 0, 1, 2),
                        2), brokers(0, 1, 2), new MoveGoal.EmptyBrokers(Set.of(2)),
                        RefusalReason.FEWER_BROKERS_THAN_MIN_ISR_PLUS_ONE, 0),
                Arguments.of("unknown broker refused", roundRobin("orders", 6, 3, 0, 1, 2), brokers(0, 1, 2),
                        new MoveGoal.EmptyBrokers(Set.of(7)), RefusalReason.UNKNOWN_OR_NO_BROKERS, 0),
                Arguments.of("a replica on an unregistered broker is replaced", List.of(
                        new PartitionPlacement("t", 0, List.of(0, 1, 9), 2)), brokers(0, 1, 2),
                        new MoveGoal.SpreadEvenly(), null, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void plans(String name, List<PartitionPlacement> placement, List<BrokerSlot> brokers, MoveGoal goal,
               RefusalReason refusal, int copying) {
        ReassignmentPlan plan = PartitionMovePlanner.plan(placement, brokers, goal);
        if (refusal != null) {
            assertThat(plan).isInstanceOf(ReassignmentPlan.Refused.class);
            assertThat(((ReassignmentPlan.Refused) plan).reason()).isEqualTo(refusal);
            return;
        }
        assertThat(plan).isInstanceOf(ReassignmentPlan.Moves.class);
        ReassignmentPlan.Moves moves = (ReassignmentPlan.Moves) plan;
        if (copying >= 0) {
            assertThat(moves.copying()).as("partitions that copy data").isEqualTo(copying);
        }
        List<PartitionPlacement> after = apply(placement, moves);
        Set<Integer> emptied = goal instanceof MoveGoal.EmptyBrokers empty ? empty.brokers() : Set.of();
        List<Integer> left = brokers.stream().map(BrokerSlot::id).filter(id -> !emptied.contains(id)).toList();
        for (int i = 0; i < after.size(); i++) {
            List<Integer> replicas = after.get(i).replicas();
            assertThat(replicas).hasSameSizeAs(placement.get(i).replicas()).doesNotHaveDuplicates();
            assertThat(left).containsAll(replicas);
        }
        assertWithinOne(count(after, false, left), "replicas per broker");
        assertWithinOne(count(after, true, left), "preferred leaders per broker");
        assertThat(PartitionMovePlanner.plan(after, brokers, goal))
                .as("planning the outcome again").isEqualTo(new ReassignmentPlan.Moves(List.of()));
    }

    @Test
    void evictionKeepsEveryPartitionOnThreeRacks() {
        // Brokers 0-5 in racks a, b, c, a, b, c; each partition on one broker of each rack.
        List<BrokerSlot> brokers = IntStream.range(0, 6).mapToObj(id -> new BrokerSlot(id, "rack-" + "abc"
                .charAt(id % 3))).toList();
        List<PartitionPlacement> placement = IntStream.range(0, 9).mapToObj(p -> new PartitionPlacement("t", p,
                List.of(p % 2 == 0 ? 0 : 3, p % 2 == 0 ? 1 : 4, p % 2 == 0 ? 2 : 5), 2)).toList();
        ReassignmentPlan plan = PartitionMovePlanner.plan(placement, brokers, new MoveGoal.EmptyBrokers(Set.of(5)));
        List<PartitionPlacement> after = apply(placement, (ReassignmentPlan.Moves) plan);
        for (PartitionPlacement partition : after) {
            Set<Character> racks = new HashSet<>();
            partition.replicas().forEach(id -> racks.add("abc".charAt(id % 3)));
            assertThat(racks).as(partition.name()).hasSize(3);
            assertThat(partition.replicas()).doesNotContain(5);
        }
    }

    @Test
    void aRefusalSaysWhatToKeep() {
        ReassignmentPlan plan = PartitionMovePlanner.plan(roundRobin("orders", 3, 3, 0, 1, 2), brokers(0, 1, 2),
                new MoveGoal.EmptyBrokers(Set.of(2)));
        assertThat(((ReassignmentPlan.Refused) plan).message())
                .isEqualTo("topic 'orders' has replication factor 3, more than the 2 broker(s) that would be left;"
                        + " keep at least 3 brokers, or lower the topic's replication factor first");
    }

    private static void assertWithinOne(Map<Integer, Integer> counts, String what) {
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        int min = counts.values().stream().min(Integer::compare).orElse(0);
        assertThat(max - min).as(what + " " + counts).isLessThanOrEqualTo(1);
    }

    private static Map<Integer, Integer> count(List<PartitionPlacement> placement, boolean leaders,
                                               List<Integer> brokers) {
        Map<Integer, Integer> counts = new HashMap<>();
        brokers.forEach(id -> counts.put(id, 0));
        for (PartitionPlacement partition : placement) {
            (leaders ? partition.replicas().subList(0, 1) : partition.replicas())
                    .forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        return counts;
    }

    static List<PartitionPlacement> apply(List<PartitionPlacement> placement, ReassignmentPlan.Moves moves) {
        List<PartitionPlacement> after = new ArrayList<>();
        for (PartitionPlacement partition : placement) {
            List<Integer> replicas = moves.moves().stream()
                    .filter(move -> move.topic().equals(partition.topic()) && move.partition() == partition.partition())
                    .findFirst().map(PartitionMove::to).orElse(partition.replicas());
            after.add(new PartitionPlacement(partition.topic(), partition.partition(), replicas, partition.minIsr()));
        }
        return after;
    }

    /** Kafka's own layout: partition p on brokers p, p+1, ... (mod the brokers), min ISR rf - 1. */
    static List<PartitionPlacement> roundRobin(String topic, int partitions, int rf, int... brokers) {
        return IntStream.range(0, partitions).mapToObj(p -> new PartitionPlacement(topic, p,
                IntStream.range(0, rf).mapToObj(r -> brokers[(p + r) % brokers.length]).toList(),
                Math.max(1, rf - 1))).toList();
    }

    private static List<PartitionPlacement> withMinIsr(List<PartitionPlacement> placement, int minIsr) {
        return placement.stream().map(p -> new PartitionPlacement(p.topic(), p.partition(), p.replicas(), minIsr))
                .toList();
    }

    private static List<PartitionPlacement> concat(List<PartitionPlacement> a, List<PartitionPlacement> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<BrokerSlot> brokers(int... ids) {
        return IntStream.of(ids).mapToObj(id -> new BrokerSlot(id, null)).toList();
    }
}
