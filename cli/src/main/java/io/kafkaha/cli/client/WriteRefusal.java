package io.kafkaha.cli.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.protocol.Errors;

/**
 * Which partitions of a topic Kafka refuses {@code acks=all} writes to right now, and why, from the topic's
 * metadata: a partition without a leader takes no writes, and a leader with fewer in-sync replicas than
 * min.insync.replicas answers every write with NOT_ENOUGH_REPLICAS. The producer retries both silently until its
 * delivery timeout and then reports only a timeout; this says what Kafka answers, at once.
 */
public final class WriteRefusal {
    private WriteRefusal() {
    }

    /** The refusal when no partition of {@code topic} takes writes; empty if at least one does. */
    public static Optional<String> ofEveryPartition(TopicDescription topic, int minInSyncReplicas) {
        Map<String, List<Integer>> refused = refusedPartitions(topic, minInSyncReplicas);
        if (refused.isEmpty() || count(refused) < topic.partitions().size()) {
            return Optional.empty();
        }
        return Optional.of(describe(topic.partitions().size() == 1 ? "'" + topic.name() + "'"
                : "every partition of '" + topic.name() + "'", refused, minInSyncReplicas));
    }

    /** A note when some but not all partitions refuse writes: records sent there wait. */
    public static Optional<String> ofSomePartitions(TopicDescription topic, int minInSyncReplicas) {
        Map<String, List<Integer>> refused = refusedPartitions(topic, minInSyncReplicas);
        if (refused.isEmpty() || count(refused) == topic.partitions().size()) {
            return Optional.empty();
        }
        return Optional.of(describe(count(refused) + " of the " + topic.partitions().size() + " partitions of '"
                + topic.name() + "'", refused, minInSyncReplicas)
                + "; until then records sent to those wait, and the others take theirs");
    }

    private static String describe(String what, Map<String, List<Integer>> refused, int minInSyncReplicas) {
        String reasons = refused.entrySet().stream()
                .map(entry -> (entry.getValue().size() == 1 ? "partition " : "partitions ")
                        + entry.getValue().stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + entry.getKey())
                .collect(Collectors.joining("; "));
        return "Kafka refuses acks=all writes to " + what + ": " + reasons + ". Start the brokers that are down"
                + " ('kafka-ha status' lists those serving); writes succeed again once " + minInSyncReplicas
                + (minInSyncReplicas == 1 ? " replica is" : " replicas are") + " in sync";
    }

    /** Partition numbers by the reason their writes are refused, in partition order. */
    private static Map<String, List<Integer>> refusedPartitions(TopicDescription topic, int minInSyncReplicas) {
        Map<String, List<Integer>> refused = new LinkedHashMap<>();
        topic.partitions().stream()
                .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .forEach(partition -> refusal(partition, minInSyncReplicas).ifPresent(reason ->
                        refused.computeIfAbsent(reason, r -> new ArrayList<>()).add(partition.partition())));
        return refused;
    }

    private static int count(Map<String, List<Integer>> refused) {
        return refused.values().stream().mapToInt(List::size).sum();
    }

    /** Why Kafka refuses writes to this partition, phrased to follow "partition N". */
    private static Optional<String> refusal(TopicPartitionInfo partition, int minInSyncReplicas) {
        if (partition.leader() == null || partition.leader().isEmpty()) {
            return Optional.of(": no leader, none of its replicas (" + brokers(partition.replicas())
                    + ") serves it (" + Errors.LEADER_NOT_AVAILABLE.name() + ")");
        }
        if (partition.isr().size() < minInSyncReplicas) {
            int inSync = partition.isr().size();
            return Optional.of(": " + inSync + " in-sync replica" + (inSync == 1 ? "" : "s") + " ("
                    + brokers(partition.isr()) + ") of the " + minInSyncReplicas
                    + " its min.insync.replicas requires, so Kafka answers "
                    + Errors.NOT_ENOUGH_REPLICAS.name() + " (" + withoutFullStop(Errors.NOT_ENOUGH_REPLICAS.message())
                    + ")");
        }
        return Optional.empty();
    }

    private static String brokers(List<Node> nodes) {
        return nodes.isEmpty() ? "no broker" : (nodes.size() == 1 ? "broker " : "brokers ")
                + nodes.stream().map(node -> String.valueOf(node.id())).collect(Collectors.joining(","));
    }

    private static String withoutFullStop(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
