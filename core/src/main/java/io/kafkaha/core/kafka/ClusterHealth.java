package io.kafkaha.core.kafka;

import java.util.List;

/**
 * Kafka's own view of a cluster at one moment: the controller quorum, the registered brokers and the state of
 * every partition. Produced by {@link ClusterInspector}; pure data so it can be printed, judged and tested.
 *
 * @param clusterId           Kafka's cluster id
 * @param quorumLeaderId      node id of the active controller, or -1 when the quorum has no leader
 * @param quorumLeaderEpoch   the leader's epoch
 * @param voters              node ids of the quorum's voters, with how far each lags the leader
 * @param brokers             registered brokers, by node id and address
 * @param partitions          number of partitions in the cluster
 * @param underReplicated     partitions whose ISR is smaller than their replica set
 * @param underMinIsr         partitions whose ISR is smaller than their min.insync.replicas (acks=all writes fail)
 * @param offline             partitions without a leader (unreadable and unwritable)
 */
public record ClusterHealth(String clusterId, int quorumLeaderId, int quorumLeaderEpoch, List<Voter> voters,
                            List<Broker> brokers, int partitions, List<String> underReplicated,
                            List<String> underMinIsr, List<String> offline) {

    public record Voter(int nodeId, long lag) {
    }

    public record Broker(int nodeId, String address) {
    }

    public boolean hasQuorumLeader() {
        return quorumLeaderId >= 0;
    }

    /** Healthy enough to serve: a quorum leader, every expected broker registered, every partition online. */
    public boolean isReady(int expectedBrokers) {
        return hasQuorumLeader() && brokers.size() >= expectedBrokers && offline.isEmpty();
    }
}
