package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class WriteRefusalTest {
    private static final Node B0 = new Node(0, "127.0.0.1", 9092);
    private static final Node B1 = new Node(1, "127.0.0.1", 9093);
    private static final Node B2 = new Node(2, "127.0.0.1", 9094);
    private static final List<Node> ALL = List.of(B0, B1, B2);

    @Test
    void oneBrokerOfThreeLeftRefusesEveryPartitionWithKafkasOwnReason() {
        TopicDescription topic = topic(
                new TopicPartitionInfo(1, B0, ALL, List.of(B0)),
                new TopicPartitionInfo(0, B0, ALL, List.of(B0)),
                new TopicPartitionInfo(2, Node.noNode(), ALL, List.of()));

        assertThat(WriteRefusal.ofEveryPartition(topic, 2)).hasValue("Kafka refuses acks=all writes to every"
                + " partition of 'orders': partitions 0, 1: 1 in-sync replica (broker 0) of the 2 its"
                + " min.insync.replicas requires, so Kafka answers NOT_ENOUGH_REPLICAS (Messages are rejected since"
                + " there are fewer in-sync replicas than required); partition 2: no leader, none of its replicas"
                + " (brokers 0,1,2) serves it (LEADER_NOT_AVAILABLE). Start the brokers that are down ('kafka-ha"
                + " status' lists those serving); writes succeed again once 2 replicas are in sync");
        assertThat(WriteRefusal.ofSomePartitions(topic, 2)).isEmpty();
    }

    @Test
    void somePartitionsRefusingIsANoteNotARefusal() {
        TopicDescription topic = topic(
                new TopicPartitionInfo(0, B0, ALL, List.of(B0, B1)),
                new TopicPartitionInfo(1, B1, ALL, List.of(B1)));

        assertThat(WriteRefusal.ofEveryPartition(topic, 2)).isEmpty();
        assertThat(WriteRefusal.ofSomePartitions(topic, 2)).hasValueSatisfying(note -> assertThat(note)
                .startsWith("Kafka refuses acks=all writes to 1 of the 2 partitions of 'orders': partition 1: 1"
                        + " in-sync replica (broker 1)")
                .endsWith("; until then records sent to those wait, and the others take theirs"));
    }

    @Test
    void aHealthyOrDegradedButWritableTopicIsNotRefused() {
        TopicDescription oneDown = topic(
                new TopicPartitionInfo(0, B0, ALL, List.of(B0, B1)),
                new TopicPartitionInfo(1, B1, ALL, List.of(B1, B0)));

        assertThat(WriteRefusal.ofEveryPartition(oneDown, 2)).isEmpty();
        assertThat(WriteRefusal.ofSomePartitions(oneDown, 2)).isEmpty();
        assertThat(WriteRefusal.ofEveryPartition(topic(new TopicPartitionInfo(0, B0, ALL, List.of(B0))), 1))
                .isEmpty();
    }

    @Test
    void aSinglePartitionTopicIsNamedPlainly() {
        assertThat(WriteRefusal.ofEveryPartition(topic(new TopicPartitionInfo(0, B2, ALL, List.of(B2))), 2))
                .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("Kafka refuses acks=all writes to"
                        + " 'orders': partition 0: 1 in-sync replica (broker 2)"));
    }

    private static TopicDescription topic(TopicPartitionInfo... partitions) {
        return new TopicDescription("orders", false, List.of(partitions));
    }
}
