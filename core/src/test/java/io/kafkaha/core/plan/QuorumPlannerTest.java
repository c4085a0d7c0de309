package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.plan.QuorumView.Member;
import io.kafkaha.core.spec.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quorum planner's decision table: cluster "kafka", a desired controller count, the controllers that exist
 * (c0..cN, running unless marked down), Kafka's quorum view, and the expected step.
 */
class QuorumPlannerTest {

    static Stream<Arguments> situations() {
        return Stream.of(
                row("3 of 3 voters: done", 3, running(3), quorum(1000, voters(3)),
                        "the quorum has its 3 voter(s): 1000, 1001, 1002"),
                row("never blind", 5, running(3), null,
                        "waiting: Kafka cannot be asked (timed out); no voter is changed blind"),
                row("no leader", 5, running(3), quorum(-1, voters(3)),
                        "waiting: the controller quorum has no leader"),
                // 3 -> 5
                row("scale-up starts the lowest missing controller as an observer", 5, running(3),
                        quorum(1000, voters(3)), "start kafka-controller-3 as an observer (3 of 5 voters)"),
                row("the new controller is not running yet", 5, with(running(3), down(1003)),
                        quorum(1000, voters(3)), "waiting: kafka-controller-3 is not running yet (3 of 5 voters)"),
                row("running but not an observer yet", 5, running(4), quorum(1000, voters(3)),
                        "waiting: kafka-controller-3 runs but the quorum does not list it as an observer yet"
                                + " (3 of 5 voters)"),
                row("an observer catching up", 5, running(4), quorum(1000, voters(3), observer(1003, 500, false)),
                        "waiting: kafka-controller-3 is an observer catching up (lag 500); it becomes a voter"
                                + " once caught up (3 of 5 voters)"),
                row("a caught-up observer is added", 5, running(4), quorum(1000, voters(3), observer(1003, 0, true)),
                        "add kafka-controller-3 as a voter, a caught-up observer (3 of 5 voters)"),
                row("one change at a time: the last added voter is not caught up", 5, running(4),
                        quorum(1000, with(voters(3), voter(1003, 70, false))),
                        "waiting: voter 1003 is not caught up (lag 70); kafka-controller-4 is added once every"
                                + " voter is (4 of 5 voters)"),
                row("then the next controller starts", 5, running(4), quorum(1000, voters(4)),
                        "start kafka-controller-4 as an observer (4 of 5 voters)"),
                row("5 of 5 voters: done", 5, running(5), quorum(1000, voters(5)),
                        "the quorum has its 5 voter(s): 1000, 1001, 1002, 1003, 1004"),
                row("a voter that is down holds back the next addition", 5, with(running(3), down(1001)),
                        quorum(1000, with(voters(3), voter(1001, 900, false))),
                        "waiting: voter 1001 is not caught up (lag 900); kafka-controller-3 is added once every"
                                + " voter is (3 of 5 voters)"),
                row("an observer without a directory id is not added blind", 5, running(4),
                        quorum(1000, voters(3), new Member(1003, null, 0, true)),
                        "waiting: Kafka does not report the directory id of observer 1003"),
                // 5 -> 3
                row("scale-down removes the highest voter first", 3, running(5), quorum(1000, voters(5)),
                        "remove kafka-controller-4 from the voters (5 -> 4 voters, 3 wanted)"),
                row("a removed voter that still runs is stopped", 3, running(5), quorum(1000, voters(4),
                        observer(1004, 0, true)), "stop kafka-controller-4 (no voter any more; 4 voters, 3 wanted)"),
                row("then the next voter goes", 3, running(4), quorum(1000, voters(4)),
                        "remove kafka-controller-3 from the voters (4 -> 3 voters, 3 wanted)"),
                row("removing the active controller is said", 3, running(4), quorum(1003, voters(4)),
                        "remove kafka-controller-3 from the voters (4 -> 3 voters, 3 wanted; it is the active"
                                + " controller: Kafka elects another among those that stay)"),
                row("no removal without a caught-up majority of those that stay", 3, running(5),
                        quorum(1000, with(voters(5), voter(1001, 10, false), voter(1002, 10, false))),
                        "waiting: removing kafka-controller-4 would leave 2 of 4 voters caught up; the quorum"
                                + " needs 3 (behind: 1001, 1002)"),
                row("a lagging leaving voter does not matter", 3, running(5),
                        quorum(1000, with(voters(5), voter(1004, 10, false))),
                        "remove kafka-controller-4 from the voters (5 -> 4 voters, 3 wanted)"),
                row("a leaving voter whose process is down is still removed", 3, with(running(5), down(1004)),
                        quorum(1000, with(voters(5), voter(1004, 99, false))),
                        "remove kafka-controller-4 from the voters (5 -> 4 voters, 3 wanted)"),
                row("a stopped surplus controller needs nothing more", 3, with(running(5), down(1003), down(1004)),
                        quorum(1000, voters(3)), "the quorum has its 3 voter(s): 1000, 1001, 1002"),
                row("an observer of a called-off scale-up is stopped", 3, running(4),
                        quorum(1000, voters(3), observer(1003, 0, true)),
                        "stop kafka-controller-3 (no voter any more; 3 voters, 3 wanted)"),
                row("a non-voter below a voter waits for that voter's removal", 3, running(5),
                        quorum(1000, with(voters(3), voter(1004, 0, true)), observer(1003, 0, true)),
                        "remove kafka-controller-4 from the voters (4 -> 3 voters, 3 wanted)"),
                // 1 -> 3 and back
                row("1 -> 3 starts controller 1", 3, running(1), quorum(1000, voters(1)),
                        "start kafka-controller-1 as an observer (1 of 3 voters)"),
                row("1 -> 3 adds it once caught up", 3, running(2), quorum(1000, voters(1), observer(1001, 0, true)),
                        "add kafka-controller-1 as a voter, a caught-up observer (1 of 3 voters)"),
                row("3 -> 1 removes the highest", 1, running(3), quorum(1001, voters(3)),
                        "remove kafka-controller-2 from the voters (3 -> 2 voters, 1 wanted)"),
                row("2 -> 1 may remove the active controller", 1, running(2), quorum(1001, voters(2)),
                        "remove kafka-controller-1 from the voters (2 -> 1 voters, 1 wanted; it is the active"
                                + " controller: Kafka elects another among those that stay)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void decides(String situation, int desired, List<NodeState> controllers, QuorumView quorum, String expected) {
        QuorumStep step = QuorumPlanner.next("kafka", desired, controllers, Optional.ofNullable(quorum), "timed out");
        assertThat(step.description()).isEqualTo(expected);
    }

    @Test
    void stepsCarryWhatTheRuntimeNeeds() {
        QuorumStep add = QuorumPlanner.next("kafka", 5, running(4),
                Optional.of(quorum(1000, voters(3), observer(1003, 0, true))), "");
        assertThat(add).isEqualTo(new QuorumStep.AddVoter("kafka-controller-3", 1003, "dir-1003", add.description()));
        QuorumStep remove = QuorumPlanner.next("kafka", 3, running(4), Optional.of(quorum(1000, voters(4))), "");
        assertThat(remove).isEqualTo(new QuorumStep.RemoveVoter("kafka-controller-3", 1003, "dir-1003",
                remove.description()));
        QuorumStep start = QuorumPlanner.next("kafka", 4, running(3), Optional.of(quorum(1000, voters(3))), "");
        assertThat(start).isEqualTo(new QuorumStep.StartObserver("kafka-controller-3", 1003, start.description()));
    }

    @Test
    void theViewLeavesBrokersOutOfTheObservers() {
        ClusterHealth health = new ClusterHealth("id", 1000, 3, List.of(new ClusterHealth.Voter(1000, 0, true, "a")),
                List.of(), List.of(), 27, List.of(new ClusterHealth.Observer(0, "b0", 0, true),
                new ClusterHealth.Observer(1001, "c1", 4, false)));
        QuorumView view = QuorumView.of(health);
        assertThat(view.voters()).containsExactly(new Member(1000, "a", 0, true));
        assertThat(view.observers()).containsExactly(new Member(1001, "c1", 4, false));
    }

    private static Arguments row(String situation, int desired, List<NodeState> controllers, QuorumView quorum,
                                 String expected) {
        return Arguments.of(situation, desired, controllers, quorum, expected);
    }

    private static List<NodeState> running(int count) {
        List<NodeState> nodes = new ArrayList<>();
        for (int ordinal = 0; ordinal < count; ordinal++) {
            nodes.add(NodeState.upToDate("kafka-controller-" + ordinal, NodeRole.CONTROLLER,
                    NodeRole.CONTROLLER.nodeId(ordinal)));
        }
        return nodes;
    }

    private static NodeState down(int nodeId) {
        return NodeState.upToDate("kafka-controller-" + (nodeId - 1000), NodeRole.CONTROLLER, nodeId).stopped();
    }

    /** {@code base} with these nodes or members in place of those with the same node id. */
    private static List<NodeState> with(List<NodeState> base, NodeState... replacing) {
        List<NodeState> result = new ArrayList<>(base);
        for (NodeState node : replacing) {
            result.removeIf(n -> n.nodeId() == node.nodeId());
            result.add(node);
        }
        return result;
    }

    private static List<Member> with(List<Member> base, Member... replacing) {
        List<Member> result = new ArrayList<>(base);
        for (Member member : replacing) {
            result.removeIf(m -> m.nodeId() == member.nodeId());
            result.add(member);
        }
        return result;
    }

    private static List<Member> voters(int count) {
        List<Member> voters = new ArrayList<>();
        for (int ordinal = 0; ordinal < count; ordinal++) {
            voters.add(voter(1000 + ordinal, 0, true));
        }
        return voters;
    }

    private static Member voter(int nodeId, long lag, boolean caughtUp) {
        return new Member(nodeId, "dir-" + nodeId, lag, caughtUp);
    }

    private static Member observer(int nodeId, long lag, boolean caughtUp) {
        return new Member(nodeId, "dir-" + nodeId, lag, caughtUp);
    }

    private static QuorumView quorum(int leader, List<Member> voters, Member... observers) {
        return new QuorumView(leader, voters, List.of(observers));
    }
}
