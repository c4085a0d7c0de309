package io.kafkaha.core.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans a partition reassignment: which replica lists to give which partitions so that some brokers end up
 * empty (before a scale-down) or every broker, new ones included, holds and leads its share (after a scale-up).
 * Pure: the executor ({@code core.kafka.PartitionMover}) reads the placement from Kafka and calls this again
 * after any interruption, so a plan never needs to be remembered.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Refuse</b> (typed {@link ReassignmentPlan.RefusalReason}, nothing moves) when the goal names an
 *       unknown broker or leaves none, or when the brokers left are fewer than any topic's replication factor
 *       or than its {@code min.insync.replicas} + 1 (with exactly min ISR brokers, any one broker down would
 *       stop acks=all writes).</li>
 *   <li><b>Evict</b>: every replica on a broker that is to be emptied is replaced, in place (the preferred
 *       leader's slot stays the preferred leader's), by a broker left that the partition does not use yet,
 *       choosing first a rack the partition's other replicas do not use, then the broker with the fewest
 *       replicas, then (for the first slot) the fewest preferred leaderships, then the lowest id. The
 *       replication factor never changes.</li>
 *   <li><b>Spread</b> (goal {@link MoveGoal.SpreadEvenly} only): while some broker holds two or more replicas
 *       more than another, move one replica from the fullest to the emptiest broker that can take one without
 *       the partition losing a distinct rack; among candidates the partition of the topic the receiving broker
 *       holds least of, and preferably one where the giving broker is not the preferred leader.</li>
 *   <li><b>Lead</b>: while some broker is the preferred leader of two or more partitions more than another,
 *       swap the two inside a partition that has both as replicas (a reorder: no data is copied), preferring
 *       the topic the new leader leads least of.</li>
 *   <li>Every partition whose list changed is a {@link PartitionMove}. Each step stops as soon as no broker pair
 *       differs by more than one (or no allowed move is left), so planning the outcome of a plan again yields no
 *       moves: re-planning a partially moved cluster only finishes the job.</li>
 * </ol>
 */
public final class PartitionMovePlanner {
    private PartitionMovePlanner() {
    }

    public static ReassignmentPlan plan(List<PartitionPlacement> partitions, List<BrokerSlot> brokers,
                                        MoveGoal goal) {
        Map<Integer, BrokerSlot> known = new TreeMap<>();
        brokers.forEach(broker -> known.put(broker.id(), broker));
        Set<Integer> emptied = goal instanceof MoveGoal.EmptyBrokers empty ? empty.brokers() : Set.of();
        List<Integer> unknown = emptied.stream().filter(id -> !known.containsKey(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            return new ReassignmentPlan.Refused(ReassignmentPlan.RefusalReason.UNKNOWN_OR_NO_BROKERS,
                    "broker(s) " + unknown + " are not registered in the cluster (brokers: " + known.keySet() + ")");
        }
        List<Integer> left = known.keySet().stream().filter(id -> !emptied.contains(id)).toList();
        if (left.isEmpty()) {
            return new ReassignmentPlan.Refused(ReassignmentPlan.RefusalReason.UNKNOWN_OR_NO_BROKERS,
                    "no broker would be left");
        }
        Optional<ReassignmentPlan.Refused> refused = refusal(partitions, left.size());
        if (refused.isPresent()) {
            return refused.get();
        }
        Placement placement = new Placement(partitions, left, known);
        placement.evict(emptied);
        if (goal instanceof MoveGoal.SpreadEvenly) {
            placement.spreadReplicas();
        }
        placement.spreadLeaders();
        return new ReassignmentPlan.Moves(placement.moves());
    }

    private static Optional<ReassignmentPlan.Refused> refusal(List<PartitionPlacement> partitions, int left) {
        Map<String, int[]> topics = new TreeMap<>();
        for (PartitionPlacement partition : partitions) {
            int[] rfAndMinIsr = topics.computeIfAbsent(partition.topic(), topic -> new int[2]);
            rfAndMinIsr[0] = Math.max(rfAndMinIsr[0], partition.replicas().size());
            rfAndMinIsr[1] = Math.max(rfAndMinIsr[1], partition.minIsr());
        }
        for (Map.Entry<String, int[]> topic : topics.entrySet()) {
            int rf = topic.getValue()[0];
            if (left < rf) {
                return Optional.of(new ReassignmentPlan.Refused(
                        ReassignmentPlan.RefusalReason.FEWER_BROKERS_THAN_REPLICATION_FACTOR,
                        "topic '" + topic.getKey() + "' has replication factor " + rf + ", more than the " + left
                                + " broker(s) that would be left; keep at least " + rf + " brokers, or lower the"
                                + " topic's replication factor first"));
            }
        }
        for (Map.Entry<String, int[]> topic : topics.entrySet()) {
            int minIsr = topic.getValue()[1];
            if (left < minIsr + 1) {
                return Optional.of(new ReassignmentPlan.Refused(
                        ReassignmentPlan.RefusalReason.FEWER_BROKERS_THAN_MIN_ISR_PLUS_ONE,
                        "topic '" + topic.getKey() + "' has min.insync.replicas " + minIsr + ": with " + left
                                + " broker(s) left, one broker down would stop its acks=all writes; keep at least "
                                + (minIsr + 1) + " brokers, or lower its min.insync.replicas first"));
            }
        }
        return Optional.empty();
    }

    /** The replica lists being planned, with per-broker counts kept up to date. */
    private static final class Placement {
        private final List<PartitionPlacement> original;
        private final List<List<Integer>> lists = new ArrayList<>();
        private final List<Integer> left;
        private final Map<Integer, BrokerSlot> known;
        private final Map<Integer, Integer> replicas = new HashMap<>();
        private final Map<Integer, Integer> leaders = new HashMap<>();

        Placement(List<PartitionPlacement> partitions, List<Integer> left, Map<Integer, BrokerSlot> known) {
            this.original = partitions.stream().sorted(Comparator.comparing(PartitionPlacement::topic)
                    .thenComparingInt(PartitionPlacement::partition)).toList();
            this.left = left;
            this.known = known;
            left.forEach(id -> {
                replicas.put(id, 0);
                leaders.put(id, 0);
            });
            for (PartitionPlacement partition : original) {
                List<Integer> list = new ArrayList<>(partition.replicas());
                lists.add(list);
                for (int slot = 0; slot < list.size(); slot++) {
                    count(list.get(slot), slot, +1);
                }
            }
        }

        private void count(int broker, int slot, int delta) {
            replicas.computeIfPresent(broker, (id, n) -> n + delta);
            if (slot == 0) {
                leaders.computeIfPresent(broker, (id, n) -> n + delta);
            }
        }

        private void replace(List<Integer> list, int slot, int broker) {
            count(list.get(slot), slot, -1);
            list.set(slot, broker);
            count(broker, slot, +1);
        }

        void evict(Set<Integer> emptied) {
            for (List<Integer> list : lists) {
                for (int slot = 0; slot < list.size(); slot++) {
                    if (left.contains(list.get(slot))) {
                        continue;
                    }
                    int current = slot;
                    List<Integer> others = new ArrayList<>(list);
                    others.remove(slot);
                    Set<String> usedRacks = others.stream().map(this::rack).collect(Collectors.toSet());
                    Optional<Integer> replacement = left.stream().filter(id -> !list.contains(id))
                            .min(Comparator.<Integer>comparingInt(id -> usedRacks.contains(rack(id)) ? 1 : 0)
                                    .thenComparingInt(replicas::get)
                                    .thenComparingInt(id -> current == 0 ? leaders.get(id) : 0)
                                    .thenComparingInt(id -> id));
                    // None only if the partition already uses every broker left, which the refusal rules out.
                    replacement.ifPresent(id -> replace(list, current, id));
                }
            }
        }

        void spreadReplicas() {
            while (moveOne(replicas, false)) {
                // each turn moves one replica from a fuller to an emptier broker
            }
        }

        void spreadLeaders() {
            while (moveOne(leaders, true)) {
                // each turn hands one preferred leadership from a broker with more to one with fewer
            }
        }

        /** One replica (or, with {@code leadership}, one preferred leadership) from a fuller to an emptier broker. */
        private boolean moveOne(Map<Integer, Integer> load, boolean leadership) {
            List<Integer> fullest = left.stream().sorted(Comparator.<Integer>comparingInt(load::get).reversed()
                    .thenComparingInt(id -> id)).toList();
            List<Integer> emptiest = left.stream().sorted(Comparator.<Integer>comparingInt(load::get)
                    .thenComparingInt(id -> id)).toList();
            for (int giver : fullest) {
                for (int taker : emptiest) {
                    if (load.get(giver) - load.get(taker) <= 1) {
                        break;
                    }
                    Optional<Integer> index = leadership ? leadershipToHand(giver, taker) : replicaToMove(giver, taker);
                    if (index.isPresent()) {
                        List<Integer> list = lists.get(index.get());
                        if (leadership) {
                            int takerSlot = list.indexOf(taker);
                            replace(list, takerSlot, giver);
                            replace(list, 0, taker);
                        } else {
                            replace(list, list.indexOf(giver), taker);
                        }
                        return true;
                    }
                }
            }
            return false;
        }

        private Optional<Integer> replicaToMove(int giver, int taker) {
            Map<String, Integer> takerPerTopic = perTopic(taker, false);
            Integer best = null;
            for (int i = 0; i < lists.size(); i++) {
                List<Integer> list = lists.get(i);
                if (!list.contains(giver) || list.contains(taker) || !keepsRacks(list, giver, taker)) {
                    continue;
                }
                if (best == null || betterReplicaMove(i, best, giver, takerPerTopic)) {
                    best = i;
                }
            }
            return Optional.ofNullable(best);
        }

        private boolean betterReplicaMove(int candidate, int best, int giver, Map<String, Integer> takerPerTopic) {
            int byTopic = Integer.compare(takerPerTopic.getOrDefault(original.get(candidate).topic(), 0),
                    takerPerTopic.getOrDefault(original.get(best).topic(), 0));
            if (byTopic != 0) {
                return byTopic < 0;
            }
            boolean candidateLeads = lists.get(candidate).get(0) == giver;
            boolean bestLeads = lists.get(best).get(0) == giver;
            return !candidateLeads && bestLeads;
        }

        private Optional<Integer> leadershipToHand(int giver, int taker) {
            Map<String, Integer> takerPerTopic = perTopic(taker, true);
            Integer best = null;
            for (int i = 0; i < lists.size(); i++) {
                List<Integer> list = lists.get(i);
                if (list.get(0) != giver || !list.contains(taker)) {
                    continue;
                }
                if (best == null || takerPerTopic.getOrDefault(original.get(i).topic(), 0)
                        < takerPerTopic.getOrDefault(original.get(best).topic(), 0)) {
                    best = i;
                }
            }
            return Optional.ofNullable(best);
        }

        private Map<String, Integer> perTopic(int broker, boolean leadership) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < lists.size(); i++) {
                List<Integer> list = lists.get(i);
                if (leadership ? list.get(0) == broker : list.contains(broker)) {
                    counts.merge(original.get(i).topic(), 1, Integer::sum);
                }
            }
            return counts;
        }

        /** Moving giver's replica to taker leaves the partition on at least as many distinct racks. */
        private boolean keepsRacks(List<Integer> list, int giver, int taker) {
            Set<String> before = list.stream().map(this::rack).collect(Collectors.toSet());
            Set<String> after = new HashSet<>();
            list.stream().filter(id -> id != giver).map(this::rack).forEach(after::add);
            after.add(rack(taker));
            return after.size() >= before.size();
        }

        /** A broker's rack; brokers without one (or unknown ones) share the empty rack. */
        private String rack(int broker) {
            BrokerSlot slot = known.get(broker);
            return slot == null ? "" : Objects.requireNonNullElse(slot.rack(), "");
        }

        List<PartitionMove> moves() {
            Map<String, PartitionMove> moves = new LinkedHashMap<>();
            for (int i = 0; i < original.size(); i++) {
                PartitionPlacement before = original.get(i);
                if (!before.replicas().equals(lists.get(i))) {
                    moves.put(before.name(), new PartitionMove(before.topic(), before.partition(), before.replicas(),
                            lists.get(i)));
                }
            }
            return List.copyOf(moves.values());
        }
    }
}
