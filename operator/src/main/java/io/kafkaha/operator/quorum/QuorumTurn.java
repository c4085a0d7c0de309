package io.kafkaha.operator.quorum;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.plan.QuorumPlanner;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.plan.QuorumView;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One reconciliation's turn of a controller count change, decided without I/O: the {@link QuorumPlanner}'s step,
 * how many pods the controller StatefulSet has this turn, and the words for the {@code ControllerQuorum}
 * condition. Everything is re-derived from Kubernetes and Kafka each turn (the StatefulSet's replicas, its pods,
 * the quorum Kafka describes), so an operator restarted mid-change resumes where it stood.
 * <ul>
 *   <li>Scale-up: the planner's "start controller N" raises the replicas to N+1 (the StatefulSet controller
 *       creates the pod, which joins as an observer); once Kafka lists it as a caught-up observer it is added as
 *       a voter.</li>
 *   <li>Scale-down: the highest voter is removed first; then "stop controller N" lowers the replicas to N.</li>
 * </ul>
 * A rolling restart and a quorum change never run at once: the quorum goes first (its planner waits while a
 * voter is not caught up, e.g. a controller being restarted) and the reconciler takes no roll turn until the
 * quorum is as specified; the roll planner itself waits while any controller is not a caught-up voter.
 *
 * @param step               what the planner says (a voter change is for the reconciler to make)
 * @param controllerReplicas the controller StatefulSet's replicas this turn
 * @param reason             the condition's reason: {@value #AS_SPECIFIED}, {@value #CHANGING} or {@value #WAITING}
 * @param message            e.g. "adding kafka-controller-3 as a voter, 3 of 5 voters"
 */
public record QuorumTurn(QuorumStep step, int controllerReplicas, String reason, String message) {
    public static final String AS_SPECIFIED = "AsSpecified";
    public static final String CHANGING = "Changing";
    public static final String WAITING = "Waiting";

    /**
     * @param desired    the spec's controller count
     * @param set        the controller StatefulSet, null before it exists
     * @param pods       the cluster's pods (other roles are ignored)
     * @param kafka      Kafka's view, empty when it cannot be asked
     */
    public static QuorumTurn decide(String cluster, int desired, StatefulSet set, Collection<Pod> pods,
                                    Optional<ClusterHealth> kafka, String kafkaError) {
        if (set == null) {
            return new QuorumTurn(new QuorumStep.Done("a new cluster"), desired, AS_SPECIFIED, desired
                    + " controller(s) form the quorum");
        }
        int current = set.getSpec().getReplicas();
        if (kafka.isEmpty() && current == desired) {
            return new QuorumTurn(new QuorumStep.Done("unchecked"), current, AS_SPECIFIED, desired
                    + " controller pod(s); the voters cannot be checked (Kafka cannot be asked: " + kafkaError + ")");
        }
        QuorumStep step = QuorumPlanner.next(cluster, desired, controllers(set, pods), kafka.map(QuorumView::of),
                kafkaError);
        if (step instanceof QuorumStep.Done done) {
            return new QuorumTurn(step, desired, AS_SPECIFIED, done.description());
        }
        if (step instanceof QuorumStep.Wait wait) {
            return new QuorumTurn(step, current, WAITING, wait.description());
        }
        int replicas = current;
        if (step instanceof QuorumStep.StartObserver start) {
            replicas = Math.max(current, ordinal(start.nodeId()) + 1);
        } else if (step instanceof QuorumStep.StopController stop) {
            replicas = Math.min(current, ordinal(stop.nodeId()));
        }
        return new QuorumTurn(step, replicas, CHANGING, ing(step.description()));
    }

    /** Whether the voters are the spec's controllers (or cannot be checked, with nothing to change). */
    public boolean isSettled() {
        return AS_SPECIFIED.equals(reason);
    }

    /** How many controllers the cluster was formed with, from its StatefulSet's initial quorum, if it has one. */
    public static Optional<Integer> formationOf(StatefulSet set) {
        if (set == null) {
            return Optional.empty();
        }
        return set.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty()
                        : container.getEnv().stream())
                .filter(env -> StartScript.INITIAL_CONTROLLERS.equals(env.getName()) && env.getValue() != null)
                .findFirst()
                .map(env -> env.getValue().split(",").length);
    }

    /**
     * The controllers for the planner: every ordinal below the StatefulSet's replicas exists (the StatefulSet
     * controller creates a missing pod) and runs once its pod is ready; a higher pod exists while it is there
     * (being removed), not running.
     */
    static List<NodeState> controllers(StatefulSet set, Collection<Pod> pods) {
        String prefix = set.getMetadata().getName() + "-";
        int replicas = set.getSpec().getReplicas();
        List<NodeState> nodes = new ArrayList<>();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String name = prefix + ordinal;
            boolean running = pods.stream().anyMatch(pod -> pod.getMetadata().getName().equals(name) && ready(pod));
            nodes.add(new NodeState(name, NodeRole.CONTROLLER, NodeRole.CONTROLLER.nodeId(ordinal), running, null));
        }
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            if (name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+")) {
                int ordinal = Integer.parseInt(name.substring(prefix.length()));
                if (ordinal >= replicas) {
                    nodes.add(new NodeState(name, NodeRole.CONTROLLER, NodeRole.CONTROLLER.nodeId(ordinal), false,
                            null));
                }
            }
        }
        return nodes;
    }

    private static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int ordinal(int nodeId) {
        return nodeId - NodeRole.CONTROLLER.nodeIdOffset();
    }

    /** "add kafka-controller-3 as a voter, ..." → "adding kafka-controller-3 as a voter, ...". */
    private static String ing(String description) {
        return description.replaceFirst("^add ", "adding ").replaceFirst("^remove ", "removing ")
                .replaceFirst("^start ", "starting ").replaceFirst("^stop ", "stopping ");
    }
}
