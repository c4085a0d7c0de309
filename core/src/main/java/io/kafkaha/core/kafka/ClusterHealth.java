package io.kafkaha.core.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kafka's own view of a cluster at one moment: the controller quorum, the registered brokers and the state of
 * every partition. Produced by {@link ClusterInspector}; pure data so it can be printed, judged ({@link
 * HealthVerdict}) and planned on ({@code core.plan}), and built by hand in tests.
 *
 * @param clusterId           Kafka's cluster id
 * @param quorumLeaderId      node id of the active controller, or -1 when the quorum has no leader
 * @param quorumLeaderEpoch   the leader's epoch
 * @param voters              the quorum's voters, with how far each lags the leader
 * @param brokers             registered brokers, fenced ones included, by node id
 * @param partitionStates     every partition's leader, replicas, ISR and effective min ISR
 * @param metadataVersionLevel the finalized {@code metadata.version} feature level, -1 when not known
 * @param observers           the quorum's observers (brokers, and controllers not yet voters), with their lag
 */
public record ClusterHealth(String clusterId, int quorumLeaderId, int quorumLeaderEpoch, List<Voter> voters,
                            List<Broker> brokers, List<PartitionState> partitionStates, int metadataVersionLevel,
                            List<Observer> observers) {
    public ClusterHealth {
        voters = List.copyOf(voters);
        brokers = List.copyOf(brokers);
        partitionStates = List.copyOf(partitionStates);
        observers = List.copyOf(observers);
    }

    /** A view without the quorum's observers. */
    public ClusterHealth(String clusterId, int quorumLeaderId, int quorumLeaderEpoch, List<Voter> voters,
                         List<Broker> brokers, List<PartitionState> partitionStates, int metadataVersionLevel) {
        this(clusterId, quorumLeaderId, quorumLeaderEpoch, voters, brokers, partitionStates, metadataVersionLevel,
                List.of());
    }

    /** A view without the metadata version. */
    public ClusterHealth(String clusterId, int quorumLeaderId, int quorumLeaderEpoch, List<Voter> voters,
                         List<Broker> brokers, List<PartitionState> partitionStates) {
        this(clusterId, quorumLeaderId, quorumLeaderEpoch, voters, brokers, partitionStates, -1);
    }

    /**
     * A voter of the controller quorum.
     *
     * @param lag      metadata records behind the leader
     * @param caughtUp whether the leader counts it as caught up recently (see {@link ClusterInspector})
     */
    public record Voter(int nodeId, long lag, boolean caughtUp, String directoryId) {
        public Voter(int nodeId, long lag, boolean caughtUp) {
            this(nodeId, lag, caughtUp, null);
        }

        public Voter(int nodeId, long lag) {
            this(nodeId, lag, lag == 0);
        }
    }

    /**
     * A replica that fetches the metadata log without voting: every broker, and a controller that has started but
     * is not (or no longer) a voter (KIP-853).
     *
     * @param directoryId its metadata directory's id, what adding it as a voter needs; {@code null} if not known
     * @param caughtUp    whether the leader saw it reach the log end recently, as for voters
     */
    public record Observer(int nodeId, String directoryId, long lag, boolean caughtUp) {
    }

    /** A registered broker; a fenced one is registered but serves nothing until the controller unfences it. */
    public record Broker(int nodeId, String address, boolean fenced) {
        public Broker(int nodeId, String address) {
            this(nodeId, address, false);
        }
    }

    /**
     * One partition as the controller last recorded it.
     *
     * @param leader -1 when the partition has no leader (offline)
     * @param minIsr the topic's effective {@code min.insync.replicas}
     */
    public record PartitionState(String topic, int partition, int leader, List<Integer> replicas,
                                 List<Integer> isr, int minIsr) {
        public PartitionState {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
        }

        public String name() {
            return topic + "-" + partition;
        }

        public boolean isOffline() {
            return leader < 0;
        }

        public boolean isUnderReplicated() {
            return isr.size() < replicas.size();
        }

        /** The replicas not in the ISR: the brokers that have not caught up (or are down). */
        public List<Integer> outOfSync() {
            return replicas.stream().filter(replica -> !isr.contains(replica)).toList();
        }

        /** acks=all writes fail. */
        public boolean isUnderMinIsr() {
            return isr.size() < minIsr;
        }

        public boolean hasReplicaOn(int brokerId) {
            return replicas.contains(brokerId);
        }
    }

    public boolean hasQuorumLeader() {
        return quorumLeaderId >= 0;
    }

    public int partitions() {
        return partitionStates.size();
    }

    public List<String> underReplicated() {
        return names(PartitionState::isUnderReplicated);
    }

    /** The under-replicated partitions, each with the replicas missing from its ISR: "orders-0 (out of sync: 2)". */
    public List<String> underReplicatedWithLaggards() {
        return partitionStates.stream().filter(PartitionState::isUnderReplicated)
                .sorted(Comparator.comparing(PartitionState::name))
                .map(state -> state.name() + " (out of sync: " + String.join(", ",
                        state.outOfSync().stream().map(String::valueOf).toList()) + ")")
                .toList();
    }

    public List<String> underMinIsr() {
        return names(PartitionState::isUnderMinIsr);
    }

    public List<String> offline() {
        return names(PartitionState::isOffline);
    }

    /** Brokers that are registered and unfenced: those that serve. */
    public List<Broker> servingBrokers() {
        return brokers.stream().filter(broker -> !broker.fenced()).toList();
    }

    public boolean isServing(int brokerId) {
        return servingBrokers().stream().anyMatch(broker -> broker.nodeId() == brokerId);
    }

    public boolean isVoter(int nodeId) {
        return voters.stream().anyMatch(voter -> voter.nodeId() == nodeId);
    }

    private List<String> names(Predicate<PartitionState> which) {
        return partitionStates.stream().filter(which).map(PartitionState::name).sorted().toList();
    }
}
