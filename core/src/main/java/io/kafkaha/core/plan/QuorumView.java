package io.kafkaha.core.plan;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.spec.NodeRole;
import java.util.List;
import java.util.Optional;

/**
 * The KRaft controller quorum as its leader describes it (KIP-853): the voters and the controllers that fetch
 * the metadata log without voting (observers; brokers, also observers, are left out), each with its metadata
 * directory id, lag and whether it is caught up. Pure data, the {@link QuorumPlanner}'s view of Kafka.
 *
 * @param leaderId the active controller's node id, -1 when the quorum has no leader
 */
public record QuorumView(int leaderId, List<Member> voters, List<Member> observers) {
    public QuorumView {
        voters = List.copyOf(voters);
        observers = List.copyOf(observers);
    }

    /**
     * One controller in the quorum.
     *
     * @param directoryId its metadata directory's id ({@code null} if Kafka did not say): voters are added and
     *                    removed by node id and directory id together
     */
    public record Member(int nodeId, String directoryId, long lag, boolean caughtUp) {
    }

    /** The quorum part of Kafka's view of the cluster. */
    public static QuorumView of(ClusterHealth health) {
        List<Member> voters = health.voters().stream()
                .map(v -> new Member(v.nodeId(), v.directoryId(), v.lag(), v.caughtUp())).toList();
        List<Member> observers = health.observers().stream()
                .filter(o -> o.nodeId() >= NodeRole.CONTROLLER.nodeIdOffset())
                .filter(o -> voters.stream().noneMatch(v -> v.nodeId() == o.nodeId()))
                .map(o -> new Member(o.nodeId(), o.directoryId(), o.lag(), o.caughtUp())).toList();
        return new QuorumView(health.quorumLeaderId(), voters, observers);
    }

    public boolean hasLeader() {
        return leaderId >= 0;
    }

    public Optional<Member> voter(int nodeId) {
        return voters.stream().filter(v -> v.nodeId() == nodeId).findFirst();
    }

    public Optional<Member> observer(int nodeId) {
        return observers.stream().filter(o -> o.nodeId() == nodeId).findFirst();
    }

    public boolean isVoter(int nodeId) {
        return voter(nodeId).isPresent();
    }

    public List<Integer> voterIds() {
        return voters.stream().map(Member::nodeId).sorted().toList();
    }
}
