package io.kafkaha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FencingWatchTest {
    private static final List<ClusterHealth.Voter> VOTERS = List.of(new ClusterHealth.Voter(1000, 0));

    @Test
    void aHealthyClusterShowsNothing() {
        FencingWatch watch = new FencingWatch(Set.of(1, 2, 3));
        for (int second = 0; second < 5; second++) {
            watch.observe(view(5, List.of(broker(1, false), broker(2, false), broker(3, false)), List.of(1, 2, 3)),
                    Duration.ofSeconds(second));
        }
        assertThat(watch.falseFencings()).isZero();
        assertThat(watch.isrShrinks()).isZero();
        assertThat(watch.quorumLeaderChanges()).isZero();
        assertThat(watch.views()).isEqualTo(5);
        assertThat(watch.events()).isEmpty();
    }

    @Test
    void countsEachFencingOnceAndAgainAfterTheBrokerCameBack() {
        FencingWatch watch = new FencingWatch(Set.of(1, 2, 3));
        List<Integer> all = List.of(1, 2, 3);
        watch.observe(view(5, List.of(broker(1, false), broker(2, false), broker(3, false)), all), Duration.ZERO);
        watch.observe(view(5, List.of(broker(1, false), broker(2, true), broker(3, false)), List.of(1, 3)),
                Duration.ofSeconds(1));
        watch.observe(view(5, List.of(broker(1, false), broker(2, true), broker(3, false)), List.of(1, 3)),
                Duration.ofSeconds(2));
        watch.observe(view(5, List.of(broker(1, false), broker(2, false), broker(3, false)), all),
                Duration.ofSeconds(3));
        // unregistered: missing from describeCluster altogether
        watch.observe(view(6, List.of(broker(1, false), broker(3, false)), all), Duration.ofSeconds(4));

        assertThat(watch.falseFencings()).isEqualTo(2);
        assertThat(watch.isrShrinks()).isEqualTo(1);
        assertThat(watch.quorumLeaderChanges()).isEqualTo(1);
        assertThat(watch.events()).containsExactly(
                "at 1 s: broker 2 fenced or unregistered while its process ran",
                "at 1 s: ISR of soak-0 shrank to [1, 3]",
                "at 4 s: broker 2 fenced or unregistered while its process ran",
                "at 4 s: quorum leader 1000 at epoch 6");
    }

    private static ClusterHealth.Broker broker(int id, boolean fenced) {
        return new ClusterHealth.Broker(id, "127.0.0.1:" + (9091 + id), fenced);
    }

    private static ClusterHealth view(int epoch, List<ClusterHealth.Broker> brokers, List<Integer> isr) {
        return new ClusterHealth("cluster", 1000, epoch, VOTERS, brokers,
                List.of(new ClusterHealth.PartitionState("soak", 0, isr.get(0), List.of(1, 2, 3), isr, 2)));
    }
}
