package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
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
        ClusterHealth health = new ClusterHealth("q1Sh-9_ISia", 1, 7, VOTERS, BROKERS, 53, List.of(), List.of(),
                List.of());

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
        ClusterHealth health = new ClusterHealth("id", 1, 7, VOTERS, BROKERS, 3, List.of("orders-0", "orders-2"),
                List.of(), List.of());

        assertThat(StatusReport.problems(health)).isEmpty();
        assertThat(StatusReport.render(health)).contains("  under-replicated: orders-0, orders-2")
                .last().asString().startsWith("healthy, but 2 partitions are under-replicated");
    }

    @Test
    void explainsEveryReasonTheClusterIsUnhealthy() {
        ClusterHealth health = new ClusterHealth("id", -1, 7, VOTERS, BROKERS, 3, List.of("orders-0", "orders-1"),
                List.of("orders-1"), List.of("orders-0"));

        List<String> problems = StatusReport.problems(health);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("the controller quorum has no leader");
        assertThat(problems.get(1)).startsWith("1 partition is offline (no leader)");
        assertThat(problems.get(2)).startsWith("1 partition is under min ISR: acks=all writes fail");
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
    void longPartitionListsAreCut() {
        List<String> partitions = IntStream.range(0, 25).mapToObj(i -> "t-" + i).toList();

        assertThat(StatusReport.partitionList(partitions))
                .isEqualTo("t-0, t-1, t-2, t-3, t-4, t-5, t-6, t-7, t-8, t-9 and 15 more");
        assertThat(StatusReport.partitionList(List.of())).isEqualTo("none");
    }
}
