package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminKafkaHealthProbeTest {
    private static final List<ClusterHealth.Voter> VOTERS = List.of(new ClusterHealth.Voter(1000, 0));
    private static final List<ClusterHealth.Broker> THREE_BROKERS = List.of(new ClusterHealth.Broker(0, "b0:9092"),
            new ClusterHealth.Broker(1, "b1:9092"), new ClusterHealth.Broker(2, "b2:9092"));

    @Test
    void aServingClusterHasNoProblems() {
        ClusterHealth health = new ClusterHealth("id", 1000, 3, VOTERS, THREE_BROKERS, 12, List.of("t-0"),
                List.of(), List.of());
        // Under-replicated but above min ISR: every acks=all write still succeeds.
        assertThat(AdminKafkaHealthProbe.problems(health, 3)).isEmpty();
    }

    @Test
    void everyReasonKafkaCannotServeIsNamed() {
        List<String> offline = List.of("a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6");
        ClusterHealth health = new ClusterHealth("id", -1, 0, VOTERS, THREE_BROKERS.subList(0, 2), 12, offline,
                List.of("b-0"), offline);
        assertThat(AdminKafkaHealthProbe.problems(health, 3)).containsExactly(
                "the controller quorum has no leader",
                "2/3 brokers registered",
                "offline partitions: a-0, a-1, a-2, a-3, a-4 and 2 more",
                "partitions under min.insync.replicas: b-0");
    }
}
