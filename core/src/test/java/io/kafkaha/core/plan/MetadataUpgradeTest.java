package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterHealth.Broker;
import io.kafkaha.core.kafka.ClusterHealth.PartitionState;
import io.kafkaha.core.kafka.ClusterHealth.Voter;
import io.kafkaha.core.kafka.HealthVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataUpgradeTest {
    private static final ClusterHealth AT_4_3 = health(List.of(0, 1), 30);

    @Test
    void raisedOnceEveryNodeRunsTheNewVersionAndTheClusterIsFullyRedundant() {
        assertThat(MetadataUpgrade.next(List.of("4.4.0"), "4.4.0", true, AT_4_3, verdict(AT_4_3)))
                .contains(new MetadataUpgrade((short) 33, "4.4-IV2"));
    }

    @Test
    void notWhileANodeRunsTheOldVersionOrARestartIsPending() {
        assertThat(MetadataUpgrade.next(List.of("4.3.1", "4.4.0"), "4.4.0", true, AT_4_3, verdict(AT_4_3)))
                .isEmpty();
        assertThat(MetadataUpgrade.next(List.of("4.4.0"), "4.4.0", false, AT_4_3, verdict(AT_4_3))).isEmpty();
    }

    @Test
    void notWhileAReplicaIsOutOfSync() {
        ClusterHealth underReplicated = health(List.of(0), 30);
        assertThat(MetadataUpgrade.next(List.of("4.4.0"), "4.4.0", true, underReplicated,
                verdict(underReplicated))).isEmpty();
    }

    @Test
    void notWhenAlreadyThereOrUnknown() {
        ClusterHealth at44 = health(List.of(0, 1), 33);
        assertThat(MetadataUpgrade.next(List.of("4.4.0"), "4.4.0", true, at44, verdict(at44))).isEmpty();
        ClusterHealth unknown = health(List.of(0, 1), -1);
        assertThat(MetadataUpgrade.next(List.of("4.4.0"), "4.4.0", true, unknown, verdict(unknown))).isEmpty();
    }

    private static ClusterHealth health(List<Integer> isr, int level) {
        return new ClusterHealth("id", 1000, 1, List.of(new Voter(1000, 0, true)),
                List.of(new Broker(0, "b0"), new Broker(1, "b1")),
                List.of(new PartitionState("t", 0, 0, List.of(0, 1), isr, 1)), level);
    }

    private static HealthVerdict verdict(ClusterHealth health) {
        return HealthVerdict.judge(health, List.of(0, 1), List.of(1000));
    }
}
