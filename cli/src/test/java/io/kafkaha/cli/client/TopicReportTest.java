package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class TopicReportTest {
    private static final Node B3 = new Node(3, "127.0.0.1", 39092);
    private static final Node B4 = new Node(4, "127.0.0.1", 39093);
    private static final Node B5 = new Node(5, "127.0.0.1", 39094);

    @Test
    void rendersPartitionsDurabilityAndConfigsWithTheirOrigin() {
        TopicDescription topic = new TopicDescription("orders", false, List.of(
                new TopicPartitionInfo(1, B4, List.of(B4, B5, B3), List.of(B4)),
                new TopicPartitionInfo(0, B3, List.of(B3, B4, B5), List.of(B3, B4, B5)),
                new TopicPartitionInfo(2, Node.noNode(), List.of(B5, B3, B4), List.of())),
                null, new Uuid(1, 2));
        Config config = new Config(List.of(
                entry("retention.ms", "604800000", ConfigSource.DEFAULT_CONFIG),
                entry("min.insync.replicas", "2", ConfigSource.STATIC_BROKER_CONFIG),
                entry("cleanup.policy", "compact", ConfigSource.DYNAMIC_TOPIC_CONFIG),
                entry("unclean.leader.election.enable", "false", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)));

        assertThat(TopicReport.render(topic, config)).containsExactly(
                "topic orders, id " + new Uuid(1, 2),
                "partitions: 3, replication factor: 3",
                "acks=all writes need 2 of 3 replicas in sync: they go on with 1 broker down, and an acknowledged"
                        + " record survives the loss of 1 broker",
                "",
                "PARTITION  LEADER  REPLICAS  ISR",
                "0          3       3,4,5     3,4,5",
                "1          4       4,5,3     4      under-replicated, under min ISR: acks=all writes fail",
                "2          none    5,3,4     -      offline, under-replicated, under min ISR: acks=all writes fail",
                "",
                "CONFIG                          VALUE      FROM",
                "cleanup.policy                  compact    set on topic",
                "min.insync.replicas             2          default (broker's server.properties)",
                "retention.ms                    604800000  default (Kafka)",
                "unclean.leader.election.enable  false      default (cluster-wide dynamic config)");
    }

    @Test
    void warnsWhenAcksAllWritesCanNeverSucceed() {
        TopicDescription topic = new TopicDescription("single", false,
                List.of(new TopicPartitionInfo(0, B3, List.of(B3), List.of(B3))));
        Config config = new Config(List.of(entry("min.insync.replicas", "2", ConfigSource.DYNAMIC_TOPIC_CONFIG)));

        assertThat(TopicReport.render(topic, config)).contains("acks=all writes always fail: min.insync.replicas 2"
                + " is more than the replication factor 1");
    }

    private static ConfigEntry entry(String name, String value, ConfigSource source) {
        return new ConfigEntry(name, value, source, false, false, List.of(), ConfigEntry.ConfigType.STRING, null);
    }
}
