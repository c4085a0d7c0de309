package io.kafkaha.cli.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

/**
 * {@code kafka-ha topic describe}: each partition's leader, replicas and in-sync replicas, what that means for
 * acks=all writes, then every config of the topic with where its value comes from (set on the topic, or a
 * default of the brokers or of Kafka itself).
 */
public final class TopicReport {
    private TopicReport() {
    }

    public static List<String> render(TopicDescription topic, Config config) {
        List<String> lines = new ArrayList<>();
        int replicationFactor = topic.partitions().stream().mapToInt(p -> p.replicas().size()).max().orElse(0);
        lines.add("topic " + topic.name() + (topic.isInternal() ? " (internal)" : "")
                + (topic.topicId() == null ? "" : ", id " + topic.topicId()));
        lines.add("partitions: " + topic.partitions().size() + ", replication factor: " + replicationFactor);
        ConfigEntry minIsrEntry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        int minIsr = minIsrEntry == null || minIsrEntry.value() == null ? 0 : Integer.parseInt(minIsrEntry.value());
        if (minIsr > 0) {
            lines.add(new Durability(replicationFactor, minIsr).describe());
        }
        lines.add("");
        TextTable partitions = new TextTable("", "PARTITION", "LEADER", "REPLICAS", "ISR", "");
        topic.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .forEach(p -> partitions.row(p.partition(), leader(p), ids(p.replicas()), ids(p.isr()),
                        problems(p, minIsr)));
        lines.addAll(partitions.lines());
        lines.add("");
        TextTable configs = new TextTable("", "CONFIG", "VALUE", "FROM");
        config.entries().stream().sorted(Comparator.comparing(TopicReport::isSetOnTopic).reversed()
                        .thenComparing(ConfigEntry::name))
                .forEach(entry -> configs.row(entry.name(), value(entry), source(entry.source())));
        lines.addAll(configs.lines());
        return lines;
    }

    private static boolean isSetOnTopic(ConfigEntry entry) {
        return entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
    }

    static String source(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "set on topic";
            case DYNAMIC_DEFAULT_BROKER_CONFIG -> "default (cluster-wide dynamic config)";
            case DYNAMIC_BROKER_CONFIG -> "default (broker's dynamic config)";
            case STATIC_BROKER_CONFIG -> "default (broker's server.properties)";
            case DEFAULT_CONFIG -> "default (Kafka)";
            default -> "default (" + source.name().toLowerCase() + ")";
        };
    }

    private static String value(ConfigEntry entry) {
        if (entry.value() == null) {
            return entry.isSensitive() ? "(hidden)" : "(none)";
        }
        return entry.value().isEmpty() ? "\"\"" : entry.value();
    }

    private static String leader(TopicPartitionInfo partition) {
        return partition.leader() == null || partition.leader().isEmpty() ? "none" : partition.leader().idString();
    }

    private static String ids(List<Node> nodes) {
        return nodes.isEmpty() ? "-" : nodes.stream().map(Node::idString).collect(Collectors.joining(","));
    }

    private static String problems(TopicPartitionInfo partition, int minIsr) {
        List<String> problems = new ArrayList<>();
        if (partition.leader() == null || partition.leader().isEmpty()) {
            problems.add("offline");
        }
        if (partition.isr().size() < partition.replicas().size()) {
            problems.add("under-replicated");
        }
        if (partition.isr().size() < minIsr) {
            problems.add("under min ISR: acks=all writes fail");
        }
        return String.join(", ", problems);
    }
}
