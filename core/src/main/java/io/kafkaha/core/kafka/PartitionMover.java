package io.kafkaha.core.kafka;

import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.MoveGoal;
import io.kafkaha.core.plan.PartitionMove;
import io.kafkaha.core.plan.PartitionMovePlanner;
import io.kafkaha.core.plan.PartitionPlacement;
import io.kafkaha.core.plan.ReassignmentPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Runs a {@link PartitionMovePlanner} plan through Kafka's Admin API, the one way kafka-ha moves partitions (local
 * runtime and operator alike).
 *
 * <ol>
 *   <li>Reads the placement from Kafka. A partition Kafka is still moving counts as already at its target, and
 *       those moves are finished first: the mover remembers nothing, so one killed half-way is resumed by the
 *       next, which plans only what is left.</li>
 *   <li>Sets a replication throttle: {@code leader.replication.throttled.rate} and
 *       {@code follower.replication.throttled.rate} on every broker, and per moved topic the replicas it applies
 *       to ({@code leader.replication.throttled.replicas}: the current copies, the sources;
 *       {@code follower.replication.throttled.replicas}: the new copies). Kafka throttles only replicas out of
 *       sync, so clients' own replication is not slowed.</li>
 *   <li>Submits the moves {@link MoveSettings#batchSize()} at a time ({@code alterPartitionReassignments}) and
 *       polls {@code listPartitionReassignments} until each batch is done, reporting progress.</li>
 *   <li>Removes every replication throttle (also when it fails or times out: Kafka then finishes the ongoing
 *       moves unthrottled), and asks for a preferred leader election so the preferred leaders it planned lead.</li>
 * </ol>
 */
public final class PartitionMover {
    static final String LEADER_RATE = "leader.replication.throttled.rate";
    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    /** The moves did not finish in time; Kafka carries on with those submitted, running the mover again resumes. */
    public static final class MoveTimeoutException extends RuntimeException {
        public MoveTimeoutException(String message) {
            super(message);
        }
    }

    /** What Kafka says about partition placement, with Kafka's ongoing moves. */
    public record Observed(List<PartitionPlacement> partitions, List<BrokerSlot> brokers,
                           Map<TopicPartition, PartitionReassignment> ongoing) {
    }

    private final Admin admin;

    public PartitionMover(Admin admin) {
        this.admin = admin;
    }

    public Observed observe() throws ExecutionException, InterruptedException {
        List<BrokerSlot> brokers = admin.describeCluster().nodes().get().stream()
                .sorted(Comparator.comparingInt(Node::id))
                .map(node -> new BrokerSlot(node.id(), node.hasRack() ? node.rack() : null)).toList();
        Map<TopicPartition, PartitionReassignment> ongoing = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        ongoing.putAll(admin.listPartitionReassignments().reassignments().get());
        Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Map<String, Integer> minIsr = new ClusterInspector(admin).minInSyncReplicas(topics);
        List<PartitionPlacement> partitions = new ArrayList<>();
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                PartitionReassignment moving = ongoing.get(new TopicPartition(topic.name(), partition.partition()));
                List<Integer> replicas = moving == null
                        ? partition.replicas().stream().map(Node::id).toList()
                        : moving.replicas().stream().filter(id -> !moving.removingReplicas().contains(id)).toList();
                partitions.add(new PartitionPlacement(topic.name(), partition.partition(), replicas,
                        minIsr.getOrDefault(topic.name(), 1)));
            }
        }
        return new Observed(partitions, brokers, ongoing);
    }

    /** The plan for {@code goal} on the cluster as it is now; changes nothing. */
    public ReassignmentPlan plan(MoveGoal goal) throws ExecutionException, InterruptedException {
        Observed observed = observe();
        return PartitionMovePlanner.plan(observed.partitions(), observed.brokers(), goal);
    }

    /**
     * Moves partitions until {@code goal} is met. A refused plan is returned as it is, nothing changed.
     *
     * @return the plan that was carried out (its moves are those left after Kafka's ongoing ones), or the refusal
     */
    public ReassignmentPlan run(MoveGoal goal, MoveSettings settings, Consumer<MoveProgress> progress)
            throws ExecutionException, InterruptedException {
        Observed observed = observe();
        ReassignmentPlan plan = PartitionMovePlanner.plan(observed.partitions(), observed.brokers(), goal);
        if (!(plan instanceof ReassignmentPlan.Moves moves)) {
            return plan;
        }
        List<PartitionMove> ongoing = observed.ongoing().entrySet().stream().map(PartitionMover::asMove).toList();
        int total = ongoing.size() + moves.moves().size();
        if (total == 0) {
            // Nothing to move; what a killed mover may have left (throttles, leaders not elected) is tidied.
            removeThrottles();
            electPreferredLeaders();
            return plan;
        }
        Instant deadline = Instant.now().plus(settings.timeout());
        try {
            throttleBrokers(observed.brokers(), settings.throttleBytesPerSecond());
            int done = 0;
            if (!ongoing.isEmpty()) {
                throttleTopics(ongoing);
                done = await(ongoing, done, total, settings, deadline, progress);
            }
            for (int from = 0; from < moves.moves().size(); from += settings.batchSize()) {
                List<PartitionMove> batch = moves.moves().subList(from,
                        Math.min(moves.moves().size(), from + settings.batchSize()));
                submit(batch, settings);
                done = await(batch, done, total, settings, deadline, progress);
            }
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
            // Throttles never outlive the mover; a failure to remove them must not hide why it stopped.
            try {
                removeThrottles();
            } catch (ExecutionException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        removeThrottles();
        electPreferredLeaders();
        return plan;
    }

    /**
     * Throttles and submits the first batch of the plan for {@code goal}, and returns without waiting: what a
     * mover killed right after its first batch leaves behind. Tests use it to prove that the next mover resumes.
     */
    public ReassignmentPlan submitFirstBatch(MoveGoal goal, MoveSettings settings)
            throws ExecutionException, InterruptedException {
        Observed observed = observe();
        ReassignmentPlan plan = PartitionMovePlanner.plan(observed.partitions(), observed.brokers(), goal);
        if (plan instanceof ReassignmentPlan.Moves moves && !moves.moves().isEmpty()) {
            throttleBrokers(observed.brokers(), settings.throttleBytesPerSecond());
            submit(moves.moves().subList(0, Math.min(settings.batchSize(), moves.moves().size())), settings);
        }
        return plan;
    }

    /**
     * One step of a move run across several calls (the operator's, one per reconciliation): throttles
     * {@code brokers} (every broker of the cluster) and the moved replicas, and submits {@code batch} without
     * waiting. Whoever calls it remembers nothing: the next step reads Kafka's ongoing reassignments
     * ({@link #observe}) to see whether the batch is still running, and plans what is left.
     */
    public void submitBatch(List<BrokerSlot> brokers, List<PartitionMove> batch, MoveSettings settings)
            throws ExecutionException, InterruptedException {
        throttleBrokers(brokers, settings.throttleBytesPerSecond());
        submit(batch, settings);
    }

    /**
     * The last step of a move run step by step: removes every replication throttle and asks for a preferred
     * leader election, as {@link #run} does when its moves are done. Harmless when nothing was moved.
     */
    public void finish() throws ExecutionException, InterruptedException {
        removeThrottles();
        electPreferredLeaders();
    }

    private void submit(List<PartitionMove> batch, MoveSettings settings)
            throws ExecutionException, InterruptedException {
        throttleTopics(batch);
        Map<TopicPartition, Optional<NewPartitionReassignment>> reassignments = new LinkedHashMap<>();
        batch.forEach(move -> reassignments.put(new TopicPartition(move.topic(), move.partition()),
                Optional.of(new NewPartitionReassignment(move.to()))));
        admin.alterPartitionReassignments(reassignments).all().get();
    }

    private int await(List<PartitionMove> batch, int doneBefore, int total, MoveSettings settings, Instant deadline,
                      Consumer<MoveProgress> progress) throws ExecutionException, InterruptedException {
        Set<TopicPartition> waiting = partitions(batch);
        int lastReported = -1;
        while (true) {
            Set<TopicPartition> ongoing = admin.listPartitionReassignments().reassignments().get().keySet();
            List<TopicPartition> moving = waiting.stream().filter(ongoing::contains).sorted(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
            int done = doneBefore + batch.size() - moving.size();
            if (done != lastReported) {
                progress.accept(new MoveProgress(done, total, settings.throttleBytesPerSecond(),
                        moving.stream().map(TopicPartition::toString).toList()));
                lastReported = done;
            }
            if (moving.isEmpty()) {
                return done;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new MoveTimeoutException(done + " of " + total + " partition moves done after "
                        + settings.timeout().toSeconds() + "s; still moving " + moving.stream().limit(5)
                        .map(TopicPartition::toString).collect(Collectors.joining(", "))
                        + (moving.size() > 5 ? " and " + (moving.size() - 5) + " more" : "")
                        + "; Kafka finishes the moves it has (unthrottled now), and running the same command again"
                        + " resumes");
            }
            Thread.sleep(settings.poll().toMillis());
        }
    }

    private void throttleBrokers(List<BrokerSlot> brokers, long rate) throws ExecutionException, InterruptedException {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        for (BrokerSlot broker : brokers) {
            ops.put(brokerResource(broker.id()), List.of(
                    new AlterConfigOp(new ConfigEntry(LEADER_RATE, String.valueOf(rate)), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry(FOLLOWER_RATE, String.valueOf(rate)), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(ops).all().get();
    }

    /** Per topic: the sources (current copies) on the leader side, the new copies on the follower side. */
    private void throttleTopics(List<PartitionMove> moves) throws ExecutionException, InterruptedException {
        Map<String, List<PartitionMove>> byTopic = moves.stream().filter(PartitionMove::copiesData)
                .collect(Collectors.groupingBy(PartitionMove::topic, TreeMap::new, Collectors.toList()));
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        for (Map.Entry<String, List<PartitionMove>> topic : byTopic.entrySet()) {
            String leaders = topic.getValue().stream().flatMap(move -> move.from().stream()
                    .map(id -> move.partition() + ":" + id)).collect(Collectors.joining(","));
            String followers = topic.getValue().stream().flatMap(move -> move.adding().stream()
                    .map(id -> move.partition() + ":" + id)).collect(Collectors.joining(","));
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.getKey()), List.of(
                    new AlterConfigOp(new ConfigEntry(LEADER_REPLICAS, leaders), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry(FOLLOWER_REPLICAS, followers), AlterConfigOp.OpType.SET)));
        }
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(ops).all().get();
        }
    }

    /**
     * Removes the throttle rates from every broker and the throttled replica lists from every topic that has
     * them, including those a killed mover left behind.
     */
    public void removeThrottles() throws ExecutionException, InterruptedException {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        for (Node node : admin.describeCluster().nodes().get()) {
            ops.put(brokerResource(node.id()), List.of(
                    new AlterConfigOp(new ConfigEntry(LEADER_RATE, ""), AlterConfigOp.OpType.DELETE),
                    new AlterConfigOp(new ConfigEntry(FOLLOWER_RATE, ""), AlterConfigOp.OpType.DELETE)));
        }
        Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
        configs.forEach((resource, config) -> {
            if (isSet(config, LEADER_REPLICAS) || isSet(config, FOLLOWER_REPLICAS)) {
                ops.put(resource, List.of(
                        new AlterConfigOp(new ConfigEntry(LEADER_REPLICAS, ""), AlterConfigOp.OpType.DELETE),
                        new AlterConfigOp(new ConfigEntry(FOLLOWER_REPLICAS, ""), AlterConfigOp.OpType.DELETE)));
            }
        });
        admin.incrementalAlterConfigs(ops).all().get();
    }

    private static boolean isSet(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
    }

    /**
     * So the preferred leaders the plan chose lead. Asked for every partition, not only those this mover moved: a
     * mover killed before its election leaves moved partitions led by the old leader, and the next one sees them
     * as done. Partitions already led by their preferred replica are left alone by Kafka.
     */
    private void electPreferredLeaders() throws InterruptedException {
        try {
            admin.electLeaders(ElectionType.PREFERRED, null).partitions().get();
        } catch (ExecutionException e) {
            // Per-partition outcomes ("election not needed") are not failures; Kafka's own periodic rebalance
            // (auto.leader.rebalance.enable) catches up with any partition that could not be elected now.
        }
    }

    private static PartitionMove asMove(Map.Entry<TopicPartition, PartitionReassignment> entry) {
        PartitionReassignment moving = entry.getValue();
        List<Integer> from = moving.replicas().stream().filter(id -> !moving.addingReplicas().contains(id)).toList();
        List<Integer> to = moving.replicas().stream().filter(id -> !moving.removingReplicas().contains(id)).toList();
        return new PartitionMove(entry.getKey().topic(), entry.getKey().partition(), from, to);
    }

    private static Set<TopicPartition> partitions(List<PartitionMove> moves) {
        return moves.stream().map(move -> new TopicPartition(move.topic(), move.partition()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static ConfigResource brokerResource(int id) {
        return new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(id));
    }
}
