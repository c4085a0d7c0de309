package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterHealth.PartitionState;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final List<ClusterHealth.Voter> VOTERS = List.of(
            new ClusterHealth.Voter(0, 0), new ClusterHealth.Voter(1, 0), new ClusterHealth.Voter(2, 12));
    private static final List<ClusterHealth.Broker> BROKERS = List.of(
            new ClusterHealth.Broker(3, "127.0.0.1:39092"), new ClusterHealth.Broker(4, "127.0.0.1:39093"),
            new ClusterHealth.Broker(5, "127.0.0.1:39094"));

    @Test
    void rendersAHealthyCluster() {
        ClusterHealth health = new ClusterHealth("q1Sh-9_ISia", 1, 7, VOTERS, BROKERS,
                IntStream.range(0, 53).mapToObj(p -> partition(p, 3, 3)).toList());

        assertThat(StatusReport.render(health)).containsExactly(
                "cluster id: q1Sh-9_ISia",
                "controller quorum: leader 1, epoch 7",
                "  VOTER  LAG",
                "  0      0",
                "  1      0    leader",
                "  2      12",
                "brokers: 3 registered",
                "  ID  ADDRESS",
                "  3   127.0.0.1:39092",
                "  4   127.0.0.1:39093",
                "  5   127.0.0.1:39094",
                "partitions: 53",
                "  under-replicated: none",
                "  under min ISR:    none",
                "  offline:          none",
                "",
                "healthy");
        assertThat(StatusReport.problems(health)).isEmpty();
    }

    @Test
    void underReplicatedPartitionsAreAWarningNotAFailure() {
        ClusterHealth health = new ClusterHealth("id", 1, 7, VOTERS, BROKERS,
                List.of(partition(0, 3, 2), partition(1, 3, 3), partition(2, 3, 2)));

        assertThat(StatusReport.problems(health)).isEmpty();
        assertThat(StatusReport.render(health)).contains("  under-replicated: orders-0, orders-2")
                .last().asString().startsWith("healthy, but 2 partitions are under-replicated");
    }

    @Test
    void explainsEveryReasonTheClusterIsUnhealthy() {
        ClusterHealth health = new ClusterHealth("id", -1, 7, VOTERS, BROKERS, List.of(
                new PartitionState("orders", 0, -1, List.of(3, 4, 5), List.of(3, 4), 2),
                partition(1, 3, 1), partition(2, 3, 3)));

        List<String> problems = StatusReport.problems(health);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("the controller quorum has no leader");
        assertThat(problems.get(1)).isEqualTo("offline partitions (no leader): orders-0");
        assertThat(problems.get(2)).isEqualTo("partitions under min.insync.replicas (acks=all writes fail): orders-1");
        assertThat(StatusReport.render(health)).contains("controller quorum: NO LEADER", "UNHEALTHY:",
                "  - " + problems.get(1));
    }

    @Test
    void brokersWithoutAnAnsweringQuorumAreUnhealthy() {
        assertThat(StatusReport.renderWithoutState("id", BROKERS.subList(0, 1), 15)).containsExactly(
                "cluster id: id",
                "controller quorum: did not answer within 15s",
                "brokers: 1 registered (as last known to the broker that answered)",
                "  ID  ADDRESS",
                "  3   127.0.0.1:39092",
                "",
                "UNHEALTHY:",
                "  - brokers answer, but the controller quorum did not report within 15s: is a majority of the"
                        + " controllers running? ('kafka-ha local status' for the local cluster)");
    }

    @Test
    void aFencedBrokerIsAProblem() {
        ClusterHealth health = new ClusterHealth("id", 1, 7, VOTERS, List.of(BROKERS.get(0), BROKERS.get(1),
                new ClusterHealth.Broker(5, "127.0.0.1:39094", true)), List.of(partition(0, 3, 3)));

        assertThat(StatusReport.problems(health)).containsExactly(
                "broker(s) 5 registered but fenced (not serving yet)");
        assertThat(StatusReport.render(health)).contains("  5   127.0.0.1:39094  FENCED");
    }

    /** orders-N on brokers 3, 4, 5 with {@code inSync} of them in sync and min ISR 2. */
    private static PartitionState partition(int partition, int replicas, int inSync) {
        List<Integer> all = List.of(3, 4, 5).subList(0, replicas);
        return new PartitionState("orders", partition, 3, all, all.subList(0, inSync), 2);
    }

    @Test
    void longPartitionListsAreCut() {
        List<String> partitions = IntStream.range(0, 25).mapToObj(i -> "t-" + i).toList();

        assertThat(StatusReport.partitionList(partitions))
                .isEqualTo("t-0, t-1, t-2, t-3, t-4, t-5, t-6, t-7, t-8, t-9 and 15 more");
        assertThat(StatusReport.partitionList(List.of())).isEqualTo("none");
    }
}
