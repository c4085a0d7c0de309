package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterHealth.PartitionState;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdminKafkaHealthProbeTest {
    private static final List<ClusterHealth.Voter> VOTERS = List.of(new ClusterHealth.Voter(1000, 0));
    private static final List<ClusterHealth.Broker> THREE_BROKERS = List.of(new ClusterHealth.Broker(0, "b0:9092"),
            new ClusterHealth.Broker(1, "b1:9092"), new ClusterHealth.Broker(2, "b2:9092"));

    @Test
    void aServingClusterHasNoProblems() {
        // Under-replicated but above min ISR: every acks=all write still succeeds.
        ClusterHealth health = new ClusterHealth("id", 1000, 3, VOTERS, THREE_BROKERS,
                List.of(new PartitionState("t", 0, 0, List.of(0, 1, 2), List.of(0, 1), 2)));
        assertThat(AdminKafkaHealthProbe.problems(health, List.of(0, 1, 2))).isEmpty();
    }

    @Test
    void everyReasonKafkaCannotServeIsNamed() {
        List<PartitionState> partitions = new java.util.ArrayList<>(IntStream.range(0, 7)
                .mapToObj(p -> new PartitionState("a", p, -1, List.of(2), List.of(), 1)).toList());
        partitions.add(new PartitionState("b", 0, 0, List.of(0, 1, 2), List.of(0), 2));
        ClusterHealth health = new ClusterHealth("id", -1, 0, VOTERS, THREE_BROKERS.subList(0, 2), partitions);
        assertThat(AdminKafkaHealthProbe.problems(health, List.of(0, 1, 2))).containsExactly(
                "the controller quorum has no leader",
                "2/3 brokers registered (missing: 2)",
                "offline partitions (no leader): a-0, a-1, a-2, a-3, a-4 and 2 more",
                "partitions under min.insync.replicas (acks=all writes fail): a-0, a-1, a-2, a-3, a-4 and 3 more");
    }
}
