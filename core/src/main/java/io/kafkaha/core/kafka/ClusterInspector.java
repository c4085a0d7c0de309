package io.kafkaha.core.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Reads {@link ClusterHealth} through Kafka's Admin API: the one place the operator, the CLI, the local runtime
 * and the benchmarks ask Kafka how a cluster is. Brokers are listed fenced ones included; each partition comes
 * with its topic's effective {@code min.insync.replicas}. Judging the answer is {@link HealthVerdict}'s job.
 */
public final class ClusterInspector {
    /** How recently a voter must have reached the leader's log end to count as caught up (Kafka's own default). */
    static final long CAUGHT_UP_WITHIN_MS = 5_000;

    private final Admin admin;

    public ClusterInspector(Admin admin) {
        this.admin = admin;
    }

    public ClusterHealth inspect() throws ExecutionException, InterruptedException {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true));
        String clusterId = cluster.clusterId().get();
        List<ClusterHealth.Broker> brokers = cluster.nodes().get().stream()
                .sorted(Comparator.comparingInt(Node::id))
                .map(node -> new ClusterHealth.Broker(node.id(), node.host() + ":" + node.port(), node.isFenced()))
                .toList();
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
        List<ClusterHealth.Voter> voters = voters(quorum);

        Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Map<String, Integer> minIsr = minInSyncReplicas(topics);
        List<ClusterHealth.PartitionState> partitions = new ArrayList<>();
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                int leader = partition.leader() == null || partition.leader().isEmpty() ? -1 : partition.leader().id();
                partitions.add(new ClusterHealth.PartitionState(topic.name(), partition.partition(), leader,
                        ids(partition.replicas()), ids(partition.isr()), minIsr.getOrDefault(topic.name(), 1)));
            }
        }
        partitions.sort(Comparator.comparing(ClusterHealth.PartitionState::topic)
                .thenComparingInt(ClusterHealth.PartitionState::partition));
        return new ClusterHealth(clusterId, quorum.leaderId(), (int) quorum.leaderEpoch(), voters, brokers,
                partitions, metadataVersionLevel(), observers(quorum));
    }

    private int metadataVersionLevel() throws ExecutionException, InterruptedException {
        FinalizedVersionRange range = admin.describeFeatures().featureMetadata().get().finalizedFeatures()
                .get(KafkaReleases.METADATA_VERSION);
        return range == null ? -1 : range.maxVersionLevel();
    }

    /** Raises the cluster's {@code metadata.version}; Kafka refuses if a node does not support the level. */
    public void raiseMetadataVersion(short level) throws ExecutionException, InterruptedException {
        admin.updateFeatures(Map.of(KafkaReleases.METADATA_VERSION,
                new FeatureUpdate(level, FeatureUpdate.UpgradeType.UPGRADE)), new UpdateFeaturesOptions()).all().get();
    }

    /**
     * The voters, each with its lag behind the leader. A voter counts as caught up when the leader saw it reach
     * its log end within {@link #CAUGHT_UP_WITHIN_MS} of the leader's own latest catch-up time; both timestamps
     * come from the leader's clock, so no clock of ours is compared with Kafka's.
     */
    static List<ClusterHealth.Voter> voters(QuorumInfo quorum) {
        CatchUp catchUp = new CatchUp(quorum);
        return quorum.voters().stream()
                .sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .map(v -> new ClusterHealth.Voter(v.replicaId(), catchUp.lag(v), catchUp.caughtUp(v),
                        directoryId(v)))
                .toList();
    }

    /** The observers, judged against the leader as voters are: brokers and controllers that are not voters. */
    static List<ClusterHealth.Observer> observers(QuorumInfo quorum) {
        CatchUp catchUp = new CatchUp(quorum);
        return quorum.observers().stream()
                .sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .map(o -> new ClusterHealth.Observer(o.replicaId(), directoryId(o), catchUp.lag(o),
                        catchUp.caughtUp(o)))
                .toList();
    }

    private static String directoryId(QuorumInfo.ReplicaState replica) {
        Uuid id = replica.replicaDirectoryId();
        return id == null || Uuid.ZERO_UUID.equals(id) ? null : id.toString();
    }

    /** Lag and catch-up of a replica, measured against the leader's log end and its own catch-up time. */
    private static final class CatchUp {
        private final Optional<QuorumInfo.ReplicaState> leader;
        private final long leaderEnd;
        private final long leaderTime;

        CatchUp(QuorumInfo quorum) {
            leader = quorum.voters().stream().filter(v -> v.replicaId() == quorum.leaderId()).findFirst();
            leaderEnd = leader.map(QuorumInfo.ReplicaState::logEndOffset).orElse(0L);
            leaderTime = leader.flatMap(v -> boxed(v.lastCaughtUpTimestamp())).orElse(-1L);
        }

        long lag(QuorumInfo.ReplicaState replica) {
            return Math.max(0, leaderEnd - replica.logEndOffset());
        }

        boolean caughtUp(QuorumInfo.ReplicaState replica) {
            return leader.isPresent() && boxed(replica.lastCaughtUpTimestamp())
                    .map(time -> leaderTime - time <= CAUGHT_UP_WITHIN_MS).orElse(false);
        }
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /**
     * True if broker {@code brokerId} itself answers a request addressed to it. A broker that was just restarted
     * can look registered while the controller still holds its previous incarnation's session; only an answer
     * from the new process proves it serves.
     */
    public boolean brokerAnswers(int brokerId) throws InterruptedException {
        try {
            admin.describeLogDirs(List.of(brokerId)).allDescriptions().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Each topic's effective {@code min.insync.replicas}. */
    Map<String, Integer> minInSyncReplicas(Collection<String> topics)
            throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        return configs.entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getKey().name(),
                entry -> {
                    var value = entry.getValue().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                    return value == null || value.value() == null ? 1 : Integer.parseInt(value.value());
                }));
    }

}
