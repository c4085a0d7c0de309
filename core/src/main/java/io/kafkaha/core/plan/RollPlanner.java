package io.kafkaha.core.plan;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.spec.NodeRole;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the next safe step of a rolling restart from the nodes' state and Kafka's own view. Pure and
 * stateless: asked again after every step (and after an operator restart) it answers from what it sees, so a
 * roll resumes where it stood and never restarts a node twice for one change.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>No node has a pending restart: <b>done</b>.</li>
 *   <li>Any node not running (restarting, crashed, being stopped): <b>wait</b> for it. So a roll never starts
 *       while a node is down, and after each restart it waits for the node to come back.</li>
 *   <li>Kafka cannot be asked: <b>wait</b>. Never restart blind.</li>
 *   <li>The cluster is not fully redundant ({@link HealthVerdict#isFullyRedundant()}): a quorum leader, every
 *       broker registered and unfenced, no partition offline, under min ISR or under-replicated, every
 *       controller a caught-up voter; otherwise <b>wait</b>. This is also how the planner waits after a
 *       restart until the node is registered, unfenced, back in the ISR of every partition it hosts, or a
 *       caught-up voter again.</li>
 *   <li>Controllers first: followers before the active controller (each change of the active controller is an
 *       election). A controller is restarted only if the other voters that are caught up still form a majority
 *       of the voter set without it.</li>
 *   <li>Brokers next, one at a time, lowest node id first among those that are safe: a broker is safe when
 *       every partition with a replica on it has ISR &ge; min ISR + 1, so the partition stays writable with
 *       acks=all while the broker is away and one more failure costs no acknowledged write. If no pending
 *       broker is safe, <b>wait</b>, naming the partition that blocks the first one; a partition with as many
 *       replicas as its min ISR never allows it (its replication factor must be raised).</li>
 *   <li>A role with a single node (a development cluster) cannot keep serving through any restart; its node is
 *       restarted when the rest is healthy, and the step says what pauses.</li>
 * </ol>
 */
public final class RollPlanner {
    private RollPlanner() {
    }

    /**
     * @param nodes         every node of the cluster
     * @param kafka         Kafka's view, or empty when Kafka could not be asked
     * @param kafkaError    why Kafka could not be asked (shown while waiting); ignored when {@code kafka} is given
     */
    public static RollStep next(List<NodeState> nodes, Optional<ClusterHealth> kafka, String kafkaError) {
        List<NodeState> pending = nodes.stream().filter(node -> node.pending() != null).toList();
        if (pending.isEmpty()) {
            return new RollStep.Done();
        }
        Optional<NodeState> down = nodes.stream().filter(node -> !node.running()).findFirst();
        if (down.isPresent()) {
            return new RollStep.Wait(down.get().name() + " is not running yet");
        }
        if (kafka.isEmpty()) {
            return new RollStep.Wait("Kafka cannot be asked (" + kafkaError + "); no node is restarted blind");
        }
        ClusterHealth health = kafka.get();
        HealthVerdict verdict = HealthVerdict.judge(health, ids(nodes, NodeRole.BROKER),
                ids(nodes, NodeRole.CONTROLLER));
        if (!verdict.isFullyRedundant()) {
            return new RollStep.Wait(verdict.summary());
        }
        List<NodeState> controllers = sorted(pending, NodeRole.CONTROLLER);
        if (!controllers.isEmpty()) {
            return nextController(controllers, health, ids(nodes, NodeRole.CONTROLLER).size());
        }
        return nextBroker(sorted(pending, NodeRole.BROKER), health, ids(nodes, NodeRole.BROKER).size());
    }

    private static RollStep nextController(List<NodeState> pending, ClusterHealth health, int controllers) {
        // Followers first, the active controller last.
        NodeState next = pending.stream().filter(node -> node.nodeId() != health.quorumLeaderId()).findFirst()
                .orElse(pending.get(0));
        if (controllers == 1) {
            return restart(next, "the only controller: metadata changes pause until it is back");
        }
        long othersCaughtUp = health.voters().stream()
                .filter(voter -> voter.nodeId() != next.nodeId() && voter.caughtUp()).count();
        int majority = health.voters().size() / 2 + 1;
        if (othersCaughtUp < majority) {
            return new RollStep.Wait("restarting " + next.name() + " would leave " + othersCaughtUp + " of "
                    + health.voters().size() + " voters caught up; the quorum needs " + majority);
        }
        return restart(next, next.nodeId() == health.quorumLeaderId() ? "the active controller, last" : null);
    }

    private static RollStep nextBroker(List<NodeState> pending, ClusterHealth health, int brokers) {
        if (brokers == 1) {
            return restart(pending.get(0), "the only broker: its partitions are unavailable until it is back");
        }
        String firstBlock = null;
        for (NodeState broker : pending) {
            Optional<ClusterHealth.PartitionState> blocking = health.partitionStates().stream()
                    .filter(partition -> partition.hasReplicaOn(broker.nodeId()))
                    .filter(partition -> partition.isr().size() < partition.minIsr() + 1)
                    .findFirst();
            if (blocking.isEmpty()) {
                return restart(broker, null);
            }
            if (firstBlock == null) {
                firstBlock = blockedBy(broker, blocking.get());
            }
        }
        return new RollStep.Wait(firstBlock);
    }

    private static String blockedBy(NodeState broker, ClusterHealth.PartitionState partition) {
        String state = "partition " + partition.name() + " has ISR " + partition.isr().size() + ", min ISR "
                + partition.minIsr();
        if (partition.replicas().size() <= partition.minIsr()) {
            return state + " and only " + partition.replicas().size() + " replica(s): restarting "
                    + broker.name() + " would stop acks=all writes to it; raise the topic's replication factor"
                    + " above its min.insync.replicas";
        }
        return state + "; " + broker.name() + " waits until it has at least " + (partition.minIsr() + 1);
    }

    private static RollStep restart(NodeState node, String note) {
        return new RollStep.Restart(node, "restart " + node.name() + " (" + node.pending().description()
                + (note == null ? "" : "; " + note) + ")");
    }

    private static List<NodeState> sorted(List<NodeState> nodes, NodeRole role) {
        return nodes.stream().filter(node -> node.role() == role)
                .sorted(Comparator.comparingInt(NodeState::nodeId)).toList();
    }

    private static List<Integer> ids(List<NodeState> nodes, NodeRole role) {
        return nodes.stream().filter(node -> node.role() == role).map(NodeState::nodeId).toList();
    }
}
