package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.PartitionMove;
import io.kafkaha.core.plan.PartitionPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka as operator tests without Kafka processes need it: by default every node of the desired cluster is
 * healthy (the first controller leads, every voter caught up, every broker registered and unfenced, no
 * partitions). {@link #answer} swaps in another view, or none ({@link KafkaView#unreachable}).
 *
 * <p>For broker scaling it keeps, per cluster, the brokers ever registered (a broker whose pod is gone stays
 * registered, fenced, until unregistered), the partitions a test puts in {@link #partitions}, and the moves
 * submitted: each finishes at the second look at the placement after it was submitted, unless
 * {@link #movesStuck}. A broker pod removed while a partition still has a replica on it is recorded in
 * {@link #violations}.
 */
final class FakeKafka implements KafkaHealthProbe {
    /** Each cluster's finalized metadata.version (by name): 4.4-IV2 unless a test says otherwise. */
    final Map<String, Integer> metadataLevels = new ConcurrentHashMap<>();
    /** Every fast-fencing call, as "namespace/cluster/brokerId", in order. */
    final List<String> unregistered = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Each cluster's voters: at first every controller rendered, then as {@link #changeQuorum} leaves them. */
    final Map<String, Set<Integer>> voters = new ConcurrentHashMap<>();
    /** Every voter change, as "add 1003" / "remove 1004", in order. */
    final List<String> quorumChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Function<DesiredCluster, KafkaView> answer = cluster -> KafkaView.of(healthy(cluster));
    /** Each cluster's partitions as Kafka has them committed (a move's target once it finished). */
    final Map<String, List<PartitionPlacement>> partitions = new ConcurrentHashMap<>();
    /** Broker-scaling calls in order: "submit orders-0 [0, 1, 3]", "finish", "unregister 3". */
    final List<String> moveLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What must never happen: a broker's pod gone while it holds a replica. */
    final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether replication throttles are set (by a submit, until a finish). */
    volatile boolean throttled;
    /** Submitted moves never finish while set, as with a broker that cannot catch up. */
    volatile boolean movesStuck;
    private final Map<String, Set<Integer>> registered = new ConcurrentHashMap<>();
    private final Map<String, Map<TopicPartition, int[]>> ongoingLooks = new ConcurrentHashMap<>();
    private final Map<String, Map<TopicPartition, PartitionMove>> ongoing = new ConcurrentHashMap<>();

    @Override
    public KafkaView observe(DesiredCluster cluster) {
        return answer.apply(cluster);
    }

    @Override
    public void raiseMetadataVersion(DesiredCluster cluster, short level) {
        metadataLevels.put(cluster.name(), (int) level);
    }

    @Override
    public DeadBrokerFencer.Outcome unregisterDeadBroker(String namespace, String cluster, int brokerId,
                                                         BrokerDeath death) {
        unregistered.add(namespace + "/" + cluster + "/" + brokerId);
        return new DeadBrokerFencer.Outcome(brokerId, DeadBrokerFencer.Result.UNREGISTERED, "fake: unregistered");
    }

    /** How many voter changes to refuse before accepting them, as Kafka does while another change settles. */
    final java.util.concurrent.atomic.AtomicInteger quorumRefusals = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void changeQuorum(DesiredCluster cluster, QuorumStep step) {
        if (quorumRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("fake: the previous voter change is not committed yet");
        }
        Set<Integer> ids = voters(cluster);
        if (step instanceof QuorumStep.AddVoter add) {
            ids.add(add.nodeId());
            quorumChanges.add("add " + add.nodeId());
        } else if (step instanceof QuorumStep.RemoveVoter remove) {
            ids.remove(remove.nodeId());
            quorumChanges.add("remove " + remove.nodeId());
        }
    }

    /**
     * Every node healthy: the lowest voter leads, every voter and observer caught up. Controllers rendered (the
     * pods of this turn) that are no voters are observers.
     */
    ClusterHealth healthy(DesiredCluster cluster) {
        List<NodePlan> controllers = cluster.rendered().nodes(NodeRole.CONTROLLER);
        Set<Integer> ids = voters(cluster);
        Set<Integer> serving = serving(cluster);
        Set<Integer> brokers = registered(cluster);
        List<ClusterHealth.PartitionState> states = current(cluster).stream().map(p -> {
            List<Integer> replicas = replicasNow(cluster, p);
            replicas.stream().filter(id -> !serving.contains(id)).findFirst().ifPresent(gone -> violations.add(
                    "broker " + gone + " went while holding " + p.name()));
            return new ClusterHealth.PartitionState(p.topic(), p.partition(), replicas.get(0), replicas, replicas,
                    p.minIsr());
        }).toList();
        return new ClusterHealth("fake", ids.stream().min(Integer::compare).orElse(-1), 1,
                ids.stream().sorted().map(id -> new ClusterHealth.Voter(id, 0, true, "dir-" + id)).toList(),
                brokers.stream().sorted().map(id -> new ClusterHealth.Broker(id, "kafka-broker-" + id + ":9092",
                        !serving.contains(id))).toList(),
                states, metadataLevels.getOrDefault(cluster.name(), 33),
                controllers.stream().filter(node -> !ids.contains(node.nodeId()))
                        .map(node -> new ClusterHealth.Observer(node.nodeId(), "dir-" + node.nodeId(), 0, true))
                        .toList());
    }

    private Set<Integer> voters(DesiredCluster cluster) {
        return voters.computeIfAbsent(cluster.name(), name -> new java.util.concurrent.ConcurrentSkipListSet<>(
                cluster.rendered().nodes(NodeRole.CONTROLLER).stream().map(NodePlan::nodeId).toList()));
    }

    @Override
    public PartitionMover.Observed placement(DesiredCluster cluster) {
        Map<TopicPartition, int[]> looks = ongoingLooks.computeIfAbsent(cluster.name(),
                name -> new ConcurrentHashMap<>());
        Map<TopicPartition, PartitionMove> moving = ongoing.computeIfAbsent(cluster.name(),
                name -> new ConcurrentHashMap<>());
        if (!movesStuck) {
            for (Map.Entry<TopicPartition, int[]> look : looks.entrySet()) {
                if (++look.getValue()[0] >= 2) {
                    PartitionMove done = moving.remove(look.getKey());
                    looks.remove(look.getKey());
                    partitions.computeIfPresent(cluster.name(), (name, list) -> list.stream()
                            .map(p -> p.topic().equals(done.topic()) && p.partition() == done.partition()
                                    ? new PartitionPlacement(p.topic(), p.partition(), done.to(), p.minIsr()) : p)
                            .toList());
                }
            }
        }
        Map<TopicPartition, PartitionReassignment> reassignments = new HashMap<>();
        moving.forEach((tp, move) -> {
            List<Integer> all = new ArrayList<>(move.to());
            all.addAll(move.removing());
            reassignments.put(tp, new PartitionReassignment(all, move.adding(), move.removing()));
        });
        List<PartitionPlacement> targets = current(cluster).stream().map(p -> {
            PartitionMove move = moving.get(new TopicPartition(p.topic(), p.partition()));
            return move == null ? p : new PartitionPlacement(p.topic(), p.partition(), move.to(), p.minIsr());
        }).toList();
        Set<Integer> serving = serving(cluster);
        return new PartitionMover.Observed(targets, registered(cluster).stream().filter(serving::contains).sorted()
                .map(id -> new BrokerSlot(id, null)).toList(), reassignments);
    }

    @Override
    public void submitMoves(DesiredCluster cluster, List<BrokerSlot> brokers, List<PartitionMove> batch,
                            MoveSettings settings) {
        throttled = true;
        for (PartitionMove move : batch) {
            TopicPartition tp = new TopicPartition(move.topic(), move.partition());
            ongoing.computeIfAbsent(cluster.name(), name -> new ConcurrentHashMap<>()).put(tp, move);
            ongoingLooks.computeIfAbsent(cluster.name(), name -> new ConcurrentHashMap<>()).put(tp, new int[1]);
            moveLog.add("submit " + move.name() + " " + move.to());
        }
    }

    @Override
    public void finishMoves(DesiredCluster cluster) {
        throttled = false;
        moveLog.add("finish");
    }

    @Override
    public void unregisterBroker(DesiredCluster cluster, int brokerId) {
        registered(cluster).remove(brokerId);
        moveLog.add("unregister " + brokerId);
    }

    /** Replicas on each broker now, moves under way counted on both sides. */
    Map<Integer, Long> replicasPerBroker(String cluster) {
        return partitions.getOrDefault(cluster, List.of()).stream().flatMap(p -> p.replicas().stream())
                .collect(java.util.stream.Collectors.groupingBy(id -> id, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    private List<PartitionPlacement> current(DesiredCluster cluster) {
        return partitions.getOrDefault(cluster.name(), List.of());
    }

    /** A partition's replicas as describeTopics says: during a move, the old and the new ones. */
    private List<Integer> replicasNow(DesiredCluster cluster, PartitionPlacement partition) {
        PartitionMove move = ongoing.getOrDefault(cluster.name(), Map.of())
                .get(new TopicPartition(partition.topic(), partition.partition()));
        if (move == null) {
            return partition.replicas();
        }
        List<Integer> all = new ArrayList<>(move.to());
        move.from().stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    /** Brokers whose pod runs this turn: those rendered. */
    private static Set<Integer> serving(DesiredCluster cluster) {
        return cluster.rendered().nodes(NodeRole.BROKER).stream().map(NodePlan::nodeId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Every broker ever rendered stays registered until unregistered. */
    private Set<Integer> registered(DesiredCluster cluster) {
        Set<Integer> ids = registered.computeIfAbsent(cluster.name(),
                name -> new java.util.concurrent.ConcurrentSkipListSet<>());
        ids.addAll(serving(cluster));
        return ids;
    }
}
