package io.kafkaha.core.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Reads {@link ClusterHealth} through Kafka's Admin API, the one place both runtimes ask "is the cluster well?".
 * A partition is under-replicated when its ISR is smaller than its replica set, under min ISR when the ISR is
 * smaller than the topic's effective {@code min.insync.replicas}, and offline when it has no leader.
 */
public final class ClusterInspector {
    private final Admin admin;

    public ClusterInspector(Admin admin) {
        this.admin = admin;
    }

    public ClusterHealth inspect() throws ExecutionException, InterruptedException {
        DescribeClusterResult cluster = admin.describeCluster();
        String clusterId = cluster.clusterId().get();
        List<ClusterHealth.Broker> brokers = cluster.nodes().get().stream()
                .sorted(Comparator.comparingInt(Node::id))
                .map(node -> new ClusterHealth.Broker(node.id(), node.host() + ":" + node.port()))
                .toList();
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
        long leaderEnd = quorum.voters().stream().filter(v -> v.replicaId() == quorum.leaderId())
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).findFirst().orElse(0);
        List<ClusterHealth.Voter> voters = quorum.voters().stream()
                .sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId))
                .map(v -> new ClusterHealth.Voter(v.replicaId(), Math.max(0, leaderEnd - v.logEndOffset())))
                .toList();

        Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Map<String, Integer> minIsr = minInSyncReplicas(topics);
        List<String> underReplicated = new ArrayList<>();
        List<String> underMinIsr = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        int partitions = 0;
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                partitions++;
                String name = topic.name() + "-" + partition.partition();
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    offline.add(name);
                }
                if (partition.isr().size() < partition.replicas().size()) {
                    underReplicated.add(name);
                }
                if (partition.isr().size() < minIsr.getOrDefault(topic.name(), 1)) {
                    underMinIsr.add(name);
                }
            }
        }
        return new ClusterHealth(clusterId, quorum.leaderId(), (int) quorum.leaderEpoch(), voters, brokers,
                partitions, sorted(underReplicated), sorted(underMinIsr), sorted(offline));
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

    private Map<String, Integer> minInSyncReplicas(Collection<String> topics)
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

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
