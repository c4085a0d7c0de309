package io.kafkaha.operator.scaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.api.v1beta1.BrokerScalingStatus;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.MoveProgress;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.MoveGoal;
import io.kafkaha.core.plan.PartitionMove;
import io.kafkaha.core.plan.PartitionMovePlanner;
import io.kafkaha.core.plan.ReassignmentPlan;
import io.kafkaha.core.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One reconciliation's turn of a broker count change, decided without I/O from the spec's count, the broker
 * StatefulSet, the pods, Kafka's view and its partition placement (with its ongoing reassignments), and what the
 * status keeps ({@link BrokerScalingStatus}). The moves themselves never block a reconciliation: a turn submits
 * one batch, the next ones see in Kafka's ongoing reassignments whether it still runs. So an operator restarted
 * mid-way resumes where it stood.
 * <ul>
 *   <li><b>Scale-up</b>: the StatefulSet's replicas are raised at once. Once every broker is registered and
 *       serving, partitions are spread over all of them ({@link MoveGoal.SpreadEvenly}) batch by batch, unless
 *       {@code rebalanceOnScaleUp} is off; then the throttles are removed and preferred leaders elected.</li>
 *   <li><b>Scale-down</b>: the StatefulSet keeps its replicas while the highest ordinals are emptied
 *       ({@link MoveGoal.EmptyBrokers}); only when no partition has a replica on them are the replicas lowered,
 *       and once their pods are gone they are unregistered from the cluster metadata.</li>
 *   <li><b>Refused</b>, the StatefulSet untouched, when the brokers left would be fewer than a topic's replication
 *       factor or its min.insync.replicas + 1 (the planner's rule, as on the local runtime).</li>
 *   <li>Nothing moves while Kafka cannot be asked or a broker does not serve; a batch that makes no progress for
 *       {@link #STALL_AFTER} is reported as stalled, and waited for (Kafka carries on; nothing else is done).</li>
 * </ul>
 *
 * @param action         what the reconciler is to do with Kafka this turn
 * @param brokerReplicas the broker StatefulSet's replicas this turn
 * @param reason         the {@code BrokerScaling} condition's reason
 * @param message        e.g. "moving partitions off kafka-broker-3: 31 of 48 done, throttle 50 MiB/s"
 * @param status         what the status keeps for the next turn; null when no partition move is under way
 */
public record BrokerScalingTurn(Action action, int brokerReplicas, String reason, String message,
                                BrokerScalingStatus status) {
    public static final String AS_SPECIFIED = "AsSpecified";
    public static final String ADDING = "Adding";
    public static final String SPREADING = "Spreading";
    public static final String EMPTYING = "Emptying";
    public static final String REMOVING = "Removing";
    public static final String WAITING = "Waiting";
    public static final String REFUSED = "Refused";
    public static final String STALLED = "Stalled";
    /** No partition move finished for this long: reported (the moves are still waited for). */
    public static final Duration STALL_AFTER = Duration.ofMinutes(10);

    /** What the reconciler does with Kafka this turn. */
    public sealed interface Action {
    }

    /** Nothing (waiting, or only the StatefulSet changes). */
    public record None() implements Action {
    }

    /** Throttle every broker and submit these moves ({@link PartitionMover#submitBatch}). */
    public record Submit(List<BrokerSlot> brokers, List<PartitionMove> batch) implements Action {
        public Submit {
            brokers = List.copyOf(brokers);
            batch = List.copyOf(batch);
        }
    }

    /** The moves are done: remove the throttles and elect preferred leaders ({@link PartitionMover#finish}). */
    public record Finish() implements Action {
    }

    /** Unregister these brokers from the cluster metadata (their pods are gone, they hold no replica). */
    public record Unregister(List<Integer> brokerIds) implements Action {
        public Unregister {
            brokerIds = List.copyOf(brokerIds);
        }
    }

    /** The inputs of a turn. {@code placement} is needed only while partitions move (see {@link #needsPlacement}). */
    public record Inputs(String cluster, int desired, boolean rebalanceOnScaleUp, StatefulSet brokerSet,
                         Collection<Pod> pods, Optional<ClusterHealth> kafka, String kafkaError,
                         Optional<PartitionMover.Observed> placement, BrokerScalingStatus previous, Instant now,
                         MoveSettings settings) {
    }

    /**
     * Whether the turn will need Kafka's placement: the counts differ, a move is under way, or a spread is due whose
     * start the status does not record ({@link #unspread}).
     */
    public static boolean needsPlacement(int desired, StatefulSet brokerSet, BrokerScalingStatus previous,
                                         Optional<ClusterHealth> kafka, boolean rebalanceOnScaleUp) {
        return brokerSet != null && (brokerSet.getSpec().getReplicas() != desired || previous != null
                || rebalanceOnScaleUp && kafka.map(view -> unspread(view, desired)).orElse(false));
    }

    /**
     * A serving broker holds no replica while another holds two or more: what a scale-up leaves when its spread was
     * never recorded — the StatefulSet was raised, then the status write that starts the spread failed (a conflict,
     * or the operator stopped in between). A balanced cluster never looks like this: spreading leaves no two brokers
     * more than one replica apart, and Kafka places a new topic's replicas round-robin.
     */
    static boolean unspread(ClusterHealth kafka, int brokers) {
        int[] replicas = new int[brokers];
        for (ClusterHealth.PartitionState partition : kafka.partitionStates()) {
            for (int replica : partition.replicas()) {
                int ordinal = replica - NodeRole.BROKER.nodeIdOffset();
                if (ordinal >= 0 && ordinal < brokers) {
                    replicas[ordinal]++;
                }
            }
        }
        boolean anEmptyServingBroker = IntStream.range(0, brokers)
                .anyMatch(ordinal -> replicas[ordinal] == 0 && kafka.isServing(NodeRole.BROKER.nodeId(ordinal)));
        return anEmptyServingBroker && IntStream.of(replicas).max().orElse(0) >= 2;
    }

    public static BrokerScalingTurn decide(Inputs in) {
        if (in.brokerSet() == null) {
            return settled(in.desired(), in.desired() + " broker(s) start");
        }
        int current = in.brokerSet().getSpec().getReplicas();
        if (in.desired() > current) {
            return up(in, current);
        }
        if (in.desired() < current) {
            return down(in, current);
        }
        return same(in);
    }

    /** Raise the replicas at once; the spreading waits for the new brokers to serve (next turns). */
    private static BrokerScalingTurn up(Inputs in, int current) {
        // Without spreading, moves an interrupted scale-down left running are still finished (throttles removed).
        BrokerScalingStatus status = in.rebalanceOnScaleUp()
                ? new BrokerScalingStatus(BrokerScalingStatus.SPREADING, null, null, in.now().toString())
                : in.previous();
        return new BrokerScalingTurn(new None(), in.desired(), ADDING, "adding " + names(in, current, in.desired())
                + " (" + current + " -> " + in.desired() + " brokers)" + (in.rebalanceOnScaleUp()
                ? "; partitions are spread over them once they serve" : "; existing partitions stay where they are"
                + " (rebalanceOnScaleUp is off)"), status);
    }

    private static BrokerScalingTurn down(Inputs in, int current) {
        String leaving = names(in, in.desired(), current);
        Optional<BrokerScalingTurn> blind = blind(in, current, "moving partitions off " + leaving);
        if (blind.isPresent()) {
            return blind.get();
        }
        PartitionMover.Observed placement = in.placement().orElseThrow();
        Set<Integer> ids = IntStream.range(in.desired(), current).map(NodeRole.BROKER::nodeId).boxed()
                .collect(Collectors.toSet());
        ReassignmentPlan plan = PartitionMovePlanner.plan(placement.partitions(), placement.brokers(),
                new MoveGoal.EmptyBrokers(ids));
        if (plan instanceof ReassignmentPlan.Refused refused
                && refused.reason() == ReassignmentPlan.RefusalReason.UNKNOWN_OR_NO_BROKERS) {
            // Kafka's placement lags its view by a moment (a broker just unfenced): not a refusal, a wait.
            return new BrokerScalingTurn(new None(), current, WAITING, "waiting: moving partitions off " + leaving
                    + ": " + refused.message(), in.previous());
        }
        if (plan instanceof ReassignmentPlan.Refused refused) {
            String message = "cannot scale cluster '" + in.cluster() + "' from " + current + " to " + in.desired()
                    + " brokers; nothing was changed: " + refused.message();
            // Moves of an earlier scaling Kafka still runs are left to finish; then the throttles go.
            Action action = placement.ongoing().isEmpty() && in.previous() != null ? new Finish() : new None();
            BrokerScalingStatus status = placement.ongoing().isEmpty() ? null : in.previous();
            return new BrokerScalingTurn(action, current, REFUSED, message, status);
        }
        List<PartitionMove> moves = ((ReassignmentPlan.Moves) plan).moves();
        if (!placement.ongoing().isEmpty() || !moves.isEmpty()) {
            return moving(in, current, BrokerScalingStatus.EMPTYING, EMPTYING, "moving partitions off " + leaving,
                    placement, moves);
        }
        // Empty: the pods may go. Throttles are removed and leaders elected if this scaling moved anything.
        Action action = in.previous() != null ? new Finish() : new None();
        return new BrokerScalingTurn(action, in.desired(), REMOVING, "stopping " + leaving + ": no partition has a"
                + " replica on " + (current - in.desired() == 1 ? "it" : "them") + " any more (" + current + " -> "
                + in.desired() + " brokers)", null);
    }

    private static BrokerScalingTurn same(Inputs in) {
        int desired = in.desired();
        Optional<ClusterHealth> kafka = in.kafka();
        if (kafka.isPresent()) {
            List<ClusterHealth.Broker> leftOver = kafka.get().brokers().stream()
                    .filter(broker -> broker.nodeId() >= NodeRole.BROKER.nodeId(desired)
                            && broker.nodeId() < NodeRole.CONTROLLER.nodeIdOffset())
                    .toList();
            if (!leftOver.isEmpty()) {
                return unregister(in, kafka.get(), leftOver);
            }
        }
        BrokerScalingStatus previous = in.previous();
        boolean unrecorded = previous == null && in.rebalanceOnScaleUp() && kafka.isPresent()
                && in.placement().isPresent() && unspread(kafka.get(), desired);
        if (unrecorded) {
            previous = new BrokerScalingStatus(BrokerScalingStatus.SPREADING, null, null, in.now().toString());
        }
        if (previous == null) {
            return settled(desired, "the cluster has its " + desired + " broker(s)");
        }
        boolean spreading = BrokerScalingStatus.SPREADING.equals(previous.getPhase()) && in.rebalanceOnScaleUp();
        String what = spreading ? "spreading partitions over " + desired + " brokers"
                : "finishing the partition moves under way";
        Optional<BrokerScalingTurn> blind = blind(in, desired, what);
        if (blind.isPresent()) {
            return blind.get();
        }
        PartitionMover.Observed placement = in.placement().orElseThrow();
        List<PartitionMove> moves = List.of();
        if (spreading) {
            ReassignmentPlan plan = PartitionMovePlanner.plan(placement.partitions(), placement.brokers(),
                    new MoveGoal.SpreadEvenly());
            if (plan instanceof ReassignmentPlan.Moves planned) {
                moves = planned.moves();
            }
        }
        if (!placement.ongoing().isEmpty() || !moves.isEmpty()) {
            return moving(in, desired, previous.getPhase(),
                    BrokerScalingStatus.SPREADING.equals(previous.getPhase()) ? SPREADING : EMPTYING, what,
                    placement, moves);
        }
        if (unrecorded) {
            // Nothing the planner can move (e.g. rack constraints): nothing was throttled, nothing to finish.
            return settled(desired, "the cluster has its " + desired + " broker(s)");
        }
        String done = spreading ? "; partitions spread over them" : "";
        return new BrokerScalingTurn(new Finish(), desired, AS_SPECIFIED, "the cluster has its " + desired
                + " broker(s)" + done, null);
    }

    /** Brokers above the spec's count still registered: unregistered once their pod is gone and they are empty. */
    private static BrokerScalingTurn unregister(Inputs in, ClusterHealth kafka, List<ClusterHealth.Broker> leftOver) {
        String prefix = in.brokerSet().getMetadata().getName() + "-";
        List<String> stopping = leftOver.stream()
                .map(broker -> prefix + (broker.nodeId() - NodeRole.BROKER.nodeIdOffset()))
                .filter(name -> in.pods().stream().anyMatch(pod -> pod.getMetadata().getName().equals(name)))
                .toList();
        if (!stopping.isEmpty()) {
            return new BrokerScalingTurn(new None(), in.desired(), REMOVING, "waiting for "
                    + String.join(", ", stopping) + " to stop before unregistering", null);
        }
        List<String> holding = leftOver.stream()
                .filter(broker -> kafka.partitionStates().stream().anyMatch(p -> p.hasReplicaOn(broker.nodeId())))
                .map(broker -> "broker " + broker.nodeId()).toList();
        if (!holding.isEmpty()) {
            // Not by this operator's doing (it lowers the replicas only once they are empty): left for a person.
            return new BrokerScalingTurn(new None(), in.desired(), WAITING, String.join(", ", holding)
                    + " still hold(s) replicas but no pod runs it; not unregistered (set spec.brokers.replicas"
                    + " back to bring it back)", null);
        }
        List<Integer> ids = leftOver.stream().map(ClusterHealth.Broker::nodeId).sorted().toList();
        return new BrokerScalingTurn(new Unregister(ids), in.desired(), REMOVING, "unregistering "
                + ids.stream().map(id -> prefix + (id - NodeRole.BROKER.nodeIdOffset()) + " (broker " + id + ")")
                .collect(Collectors.joining(", ")) + ": " + (ids.size() == 1 ? "its pod is" : "their pods are")
                + " gone", null);
    }

    /** Waiting while Kafka cannot be asked, or while one of the brokers does not serve. */
    private static Optional<BrokerScalingTurn> blind(Inputs in, int replicas, String what) {
        if (in.kafka().isEmpty() || in.placement().isEmpty()) {
            return Optional.of(new BrokerScalingTurn(new None(), replicas, WAITING, "waiting: " + what
                    + " needs Kafka, which cannot be asked (" + in.kafkaError() + ")", in.previous()));
        }
        String prefix = in.brokerSet().getMetadata().getName() + "-";
        List<String> notServing = IntStream.range(0, replicas)
                .filter(ordinal -> !in.kafka().get().isServing(NodeRole.BROKER.nodeId(ordinal)))
                .mapToObj(ordinal -> prefix + ordinal).toList();
        if (!notServing.isEmpty()) {
            boolean adding = BrokerScalingStatus.SPREADING.equals(in.previous() == null ? null
                    : in.previous().getPhase());
            return Optional.of(new BrokerScalingTurn(new None(), replicas, adding ? ADDING : WAITING, "waiting: "
                    + String.join(", ", notServing) + (notServing.size() == 1 ? " does" : " do")
                    + " not serve yet (registered and unfenced); " + what + " starts then", in.previous()));
        }
        return Optional.empty();
    }

    /**
     * Partitions move: a batch is submitted when Kafka has none ongoing; otherwise it is waited for. Progress counts
     * against the total kept in the status since the moves started.
     */
    private static BrokerScalingTurn moving(Inputs in, int replicas, String phase, String reason, String what,
                                            PartitionMover.Observed placement, List<PartitionMove> moves) {
        int remaining = placement.ongoing().size() + moves.size();
        BrokerScalingStatus previous = in.previous() != null && phase.equals(in.previous().getPhase())
                ? in.previous() : null;
        int total = previous == null || previous.getPartitions() == null ? remaining
                : Math.max(previous.getPartitions(), remaining);
        boolean progressed = previous == null || previous.getRemaining() == null
                || remaining < previous.getRemaining() || previous.getLastProgressTime() == null;
        String since = progressed ? in.now().toString() : previous.getLastProgressTime();
        BrokerScalingStatus status = new BrokerScalingStatus(phase, total, remaining, since);
        String progress = what + ": " + new MoveProgress(total - remaining, total,
                in.settings().throttleBytesPerSecond(), List.of()).describe();
        if (!placement.ongoing().isEmpty()) {
            if (!progressed && Duration.between(Instant.parse(since), in.now()).compareTo(STALL_AFTER) >= 0) {
                return new BrokerScalingTurn(new None(), replicas, STALLED, progress + "; stalled: no partition"
                        + " move finished for " + Duration.between(Instant.parse(since), in.now()).toMinutes()
                        + " min (still moving " + describe(placement) + "); nothing else is changed while Kafka"
                        + " carries on; check the brokers' logs and replication", status);
            }
            return new BrokerScalingTurn(new None(), replicas, reason, progress, status);
        }
        List<PartitionMove> batch = moves.subList(0, Math.min(moves.size(), in.settings().batchSize()));
        return new BrokerScalingTurn(new Submit(placement.brokers(), batch), replicas, reason, progress, status);
    }

    private static String describe(PartitionMover.Observed placement) {
        List<String> moving = placement.ongoing().keySet().stream().map(Object::toString).toList();
        return String.join(", ", moving.subList(0, Math.min(5, moving.size())))
                + (moving.size() > 5 ? " and " + (moving.size() - 5) + " more" : "");
    }

    private static BrokerScalingTurn settled(int replicas, String message) {
        return new BrokerScalingTurn(new None(), replicas, AS_SPECIFIED, message, null);
    }

    /** "kafka-broker-3" or "kafka-broker-3, kafka-broker-4": the brokers with ordinals from..to-1. */
    private static String names(Inputs in, int from, int to) {
        String prefix = in.brokerSet().getMetadata().getName() + "-";
        return IntStream.range(from, to).mapToObj(ordinal -> prefix + ordinal).collect(Collectors.joining(", "));
    }

    /** Whether the brokers are the spec's and nothing moves; a refusal changes nothing either. */
    public boolean isSettled() {
        return AS_SPECIFIED.equals(reason) || REFUSED.equals(reason);
    }

    /** Whether a rolling restart must wait: brokers are added, emptied, removed or partitions move. */
    public boolean blocksRoll() {
        return !isSettled() || status != null;
    }
}
