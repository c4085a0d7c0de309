package io.kafkaha.core.plan;

import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.spec.NodeRole;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the next safe step in changing the number of KRaft controllers through the dynamic quorum (KIP-853):
 * a new controller starts as an observer and becomes a voter once caught up; a leaving controller stops being a
 * voter before its process goes. Pure and stateless: asked again after every step (and after an operator or CLI
 * restart) it answers from the controllers that run and the quorum Kafka describes, so a change resumes where it
 * stood.
 *
 * <h2>Algorithm</h2>
 * The desired controllers are ordinals {@code 0..M-1} (node ids 1000..1000+M-1).
 * <ol>
 *   <li>Never blind: Kafka cannot be asked, or the quorum has no leader: <b>wait</b>.</li>
 *   <li>A running controller outside the desired ones and above every voter (removed by the step below, or an
 *       observer of a scale-up that was called off) is <b>stopped</b>, the highest first, before anything else
 *       changes. Only controllers above every voter: a StatefulSet removes its highest ordinals first, so
 *       stopping one must never take a voter with it.</li>
 *   <li>Scale-down next: a voter outside the desired controllers is removed, the highest node id first, only if
 *       the voters that stay include a caught-up majority of themselves (so the quorum commits without it); else
 *       <b>wait</b>. Removing the active controller is allowed: Kafka elects another one among those that stay,
 *       and the step says so.</li>
 *   <li>Scale-up, the lowest missing node id first, one at a time: every current voter must be caught up (one
 *       change at a time: the last one has settled); the controller is <b>started</b> if it does not exist yet
 *       (it joins as an observer); the planner <b>waits</b> while it is not running, not yet listed as an
 *       observer, or behind the leader; a caught-up observer with a known directory id is <b>added</b> as a
 *       voter.</li>
 *   <li>Otherwise the voters are exactly the desired controllers: <b>done</b>.</li>
 * </ol>
 * Even counts are planned like any other; whether to warn is the caller's business.
 */
public final class QuorumPlanner {
    private QuorumPlanner() {
    }

    /**
     * @param cluster     the cluster's name, for node names
     * @param desired     how many controllers the spec asks for
     * @param controllers the controllers that exist (a pod, or a local node started at least once), running or
     *                    not; one that is absent and desired is started by the step
     * @param quorum      Kafka's view of the quorum, or empty when Kafka could not be asked
     * @param kafkaError  why Kafka could not be asked; ignored when {@code quorum} is given
     */
    public static QuorumStep next(String cluster, int desired, List<NodeState> controllers,
                                  Optional<QuorumView> quorum, String kafkaError) {
        if (quorum.isEmpty()) {
            return new QuorumStep.Wait("Kafka cannot be asked (" + kafkaError + "); no voter is changed blind");
        }
        QuorumView view = quorum.get();
        if (!view.hasLeader()) {
            return new QuorumStep.Wait("the controller quorum has no leader");
        }
        int lastDesired = NodeRole.CONTROLLER.nodeId(desired - 1);
        // A controller the last step removed is stopped before the next voter leaves.
        int highestVoter = view.voterIds().isEmpty() ? -1 : view.voterIds().get(view.voterIds().size() - 1);
        Optional<NodeState> surplus = controllers.stream()
                .filter(node -> node.nodeId() > lastDesired && node.nodeId() > highestVoter && node.running())
                .max(Comparator.comparingInt(NodeState::nodeId));
        if (surplus.isPresent()) {
            return new QuorumStep.StopController(surplus.get().name(), surplus.get().nodeId(), "stop "
                    + surplus.get().name() + " (no voter any more; " + view.voters().size() + " voters, " + desired
                    + " wanted)");
        }
        Optional<QuorumView.Member> leaving = view.voters().stream().filter(v -> v.nodeId() > lastDesired)
                .max(Comparator.comparingInt(QuorumView.Member::nodeId));
        if (leaving.isPresent()) {
            return remove(cluster, desired, leaving.get(), view);
        }
        for (int ordinal = 0; ordinal < desired; ordinal++) {
            int nodeId = NodeRole.CONTROLLER.nodeId(ordinal);
            if (!view.isVoter(nodeId)) {
                return add(cluster, desired, ordinal, controllers, view);
            }
        }
        return new QuorumStep.Done("the quorum has its " + desired + " voter(s): " + ids(view));
    }

    private static QuorumStep remove(String cluster, int desired, QuorumView.Member leaving, QuorumView view) {
        String name = name(cluster, leaving.nodeId());
        List<QuorumView.Member> staying = view.voters().stream().filter(v -> v.nodeId() != leaving.nodeId()).toList();
        long caughtUp = staying.stream().filter(QuorumView.Member::caughtUp).count();
        int majority = staying.size() / 2 + 1;
        if (caughtUp < majority) {
            String behind = staying.stream().filter(v -> !v.caughtUp()).map(v -> String.valueOf(v.nodeId()))
                    .collect(Collectors.joining(", "));
            return new QuorumStep.Wait("removing " + name + " would leave " + caughtUp + " of " + staying.size()
                    + " voters caught up; the quorum needs " + majority + " (behind: " + behind + ")");
        }
        if (leaving.directoryId() == null) {
            return new QuorumStep.Wait("Kafka does not report the directory id of voter " + leaving.nodeId());
        }
        String note = leaving.nodeId() == view.leaderId()
                ? "; it is the active controller: Kafka elects another among those that stay" : "";
        return new QuorumStep.RemoveVoter(name, leaving.nodeId(), leaving.directoryId(), "remove " + name
                + " from the voters (" + view.voters().size() + " -> " + staying.size() + " voters, " + desired
                + " wanted" + note + ")");
    }

    private static QuorumStep add(String cluster, int desired, int ordinal, List<NodeState> controllers,
                                  QuorumView view) {
        int nodeId = NodeRole.CONTROLLER.nodeId(ordinal);
        String name = ClusterNaming.node(cluster, NodeRole.CONTROLLER, ordinal);
        String progress = view.voters().size() + " of " + desired + " voters";
        Optional<QuorumView.Member> behind = view.voters().stream().filter(v -> !v.caughtUp()).findFirst();
        if (behind.isPresent()) {
            return new QuorumStep.Wait("voter " + behind.get().nodeId() + " is not caught up (lag "
                    + behind.get().lag() + "); " + name + " is added once every voter is (" + progress + ")");
        }
        Optional<NodeState> node = controllers.stream().filter(c -> c.nodeId() == nodeId).findFirst();
        if (node.isEmpty()) {
            return new QuorumStep.StartObserver(name, nodeId, "start " + name + " as an observer (" + progress
                    + ")");
        }
        if (!node.get().running()) {
            return new QuorumStep.Wait(name + " is not running yet (" + progress + ")");
        }
        Optional<QuorumView.Member> observer = view.observer(nodeId);
        if (observer.isEmpty()) {
            return new QuorumStep.Wait(name + " runs but the quorum does not list it as an observer yet ("
                    + progress + ")");
        }
        if (!observer.get().caughtUp()) {
            return new QuorumStep.Wait(name + " is an observer catching up (lag " + observer.get().lag() + "); it"
                    + " becomes a voter once caught up (" + progress + ")");
        }
        if (observer.get().directoryId() == null) {
            return new QuorumStep.Wait("Kafka does not report the directory id of observer " + nodeId);
        }
        return new QuorumStep.AddVoter(name, nodeId, observer.get().directoryId(), "add " + name
                + " as a voter, a caught-up observer (" + progress + ")");
    }

    private static String name(String cluster, int nodeId) {
        return ClusterNaming.node(cluster, NodeRole.CONTROLLER, nodeId - NodeRole.CONTROLLER.nodeIdOffset());
    }

    private static String ids(QuorumView view) {
        return view.voterIds().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
