package io.kafkaha.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth.Broker;
import io.kafkaha.core.kafka.ClusterHealth.PartitionState;
import io.kafkaha.core.kafka.ClusterHealth.Voter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthVerdictTest {
    private static final List<Broker> BROKERS = List.of(new Broker(0, "b0"), new Broker(1, "b1"), new Broker(2, "b2"));
    private static final List<Voter> VOTERS = List.of(new Voter(1000, 0, true), new Voter(1001, 0, true));

    @Test
    void aFullyReplicatedClusterIsHealthy() {
        HealthVerdict verdict = judge(new ClusterHealth("id", 1000, 1, VOTERS, BROKERS,
                List.of(new PartitionState("t", 0, 0, List.of(0, 1, 2), List.of(0, 1, 2), 2))));
        assertThat(verdict.isServing()).isTrue();
        assertThat(verdict.isFullyRedundant()).isTrue();
        assertThat(verdict.summary()).isEqualTo("healthy");
    }

    @Test
    void underReplicationAndAMissingVoterAreWarningsNotProblems() {
        HealthVerdict verdict = judge(new ClusterHealth("id", 1000, 1, VOTERS.subList(0, 1), BROKERS,
                List.of(new PartitionState("t", 0, 0, List.of(0, 1, 2), List.of(0, 1), 2))));
        assertThat(verdict.isServing()).isTrue();
        assertThat(verdict.isFullyRedundant()).isFalse();
        assertThat(verdict.warnings()).containsExactly("under-replicated partitions: t-0 (out of sync: 2)",
                "controller 1001 is not a voter of the quorum");
    }

    @Test
    void aFencedOrMissingBrokerCannotServe() {
        HealthVerdict verdict = judge(new ClusterHealth("id", 1000, 1, VOTERS,
                List.of(new Broker(0, "b0"), new Broker(1, "b1", true)), List.of()));
        assertThat(verdict.problems()).containsExactly("2/3 brokers registered (missing: 2)",
                "broker(s) 1 registered but fenced (not serving yet)");
        assertThat(verdict.summary()).isEqualTo("2/3 brokers registered (missing: 2)");
    }

    private static HealthVerdict judge(ClusterHealth health) {
        return HealthVerdict.judge(health, List.of(0, 1, 2), List.of(1000, 1001));
    }
}
