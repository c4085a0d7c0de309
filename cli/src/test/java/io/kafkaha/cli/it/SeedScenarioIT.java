package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed tutorial, end to end on real Kafka through the CLI: an HA cluster of 3 controllers and 3 brokers, a
 * topic, a console producer and consumer; then what a user does next (status, restart with data kept) and the
 * mistakes a user makes against a running cluster, which must be refused without harm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedScenarioIT {
    private static final int PORT_BASE = 21092;

    @TempDir
    static Path home;
    private LocalClusterFixture cluster;
    private Cli cli;

    @BeforeAll
    void up() {
        cluster = new LocalClusterFixture(home, "seed");
        cli = cluster.cli;
        Cli.Result up = cluster.up(PORT_BASE, 3, 3).assertOk();
        assertThat(up.out()).contains("Cluster 'seed' is up: 3 controller(s)")
                .contains("Bootstrap servers: 127.0.0.1:21092,127.0.0.1:21093,127.0.0.1:21094");
    }

    @AfterAll
    void down() {
        cluster.close();
    }

    @Test
    @Order(1)
    void seedWalkthroughDeliversWhatWasTyped() {
        // The seed's own command, with the default local cluster found without --bootstrap-server.
        cli.run("topic", "create", "messages", "--partitions", "1", "--replication-factor", "1").assertOk();
        cli.runWithInput("hello\nworld\nkafka-ha\n", "produce", "messages").assertOk();
        Cli.Result consumed = cli.run("consume", "messages", "--from-beginning", "--max-messages", "3",
                "--timeout", "60").assertOk();
        assertThat(consumed.out().lines()).containsExactly("hello", "world", "kafka-ha");
    }

    @Test
    @Order(2)
    void upOnARunningClusterSaysSoAndSucceeds() {
        Cli.Result again = cluster.up(PORT_BASE, 3, 3).assertOk();
        assertThat(again.out()).contains("Cluster 'seed' is already running.");
    }

    @Test
    @Order(3)
    void topicCreatedWithDefaultsIsReplicatedThreeTimesWithMinIsrTwo() throws Exception {
        cli.run("topic", "create", "orders").assertOk();
        try (KafkaAdmin admin = new KafkaAdmin(cluster.bootstrap())) {
            assertThat(admin.describe("orders").partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            assertThat(admin.topicConfig("orders", "min.insync.replicas")).isEqualTo("2");
        }
        assertThat(cli.run("topic", "describe", "orders").assertOk().out())
                .containsPattern("min\\.insync\\.replicas\\s*[=:]?\\s*2");
    }

    @Test
    @Order(4)
    void statusShowsEveryNodeServing() {
        // Kafka's view comes from a probe that gives up after 5 s; on a loaded 2-core machine one probe can time
        // out ("No broker answered"), so ask again until it answers, as a user would.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String local = cli.run("local", "status", "--name", "seed").assertOk().out();
            assertThat(local.lines().filter(line -> line.startsWith("seed-"))).hasSize(6)
                    .allMatch(line -> line.contains("running"));
            assertThat(local)
                    .containsPattern("seed-broker-0 +broker +0 +\\d+ +127\\.0\\.0\\.1:21092 +running, serving")
                    .containsPattern("seed-controller-\\d .*running, quorum leader");
        });
        cli.run("status").assertOk();
        assertThat(cli.run("local", "logs", "seed-broker-2", "--name", "seed", "-n", "0").assertOk().out())
                .contains("starting broker seed-broker-2 as node 2").contains("Kafka Server started");
    }

    @Test
    @Order(5)
    void mistakesAgainstARunningClusterAreRefusedWithoutHarm() {
        Cli.Result unknownNode = cli.run("local", "stop", "seed-broker-9", "--name", "seed");
        assertThat(unknownNode.exitCode()).isEqualTo(1);
        assertThat(unknownNode.err()).contains("no node 'seed-broker-9' in cluster 'seed'")
                .contains("seed-broker-0, seed-broker-1, seed-broker-2");

        Cli.Result otherCluster = cli.run("local", "up", "--name", "other", "--dir",
                cluster.clusterDir().toString());
        assertThat(otherCluster.exitCode()).isEqualTo(1);
        assertThat(otherCluster.err()).contains("already holds cluster 'seed'");

        Cli.Result reshape = cli.run("local", "up", "--name", "seed", "--brokers", "5");
        assertThat(reshape.exitCode()).isEqualTo(1);
        assertThat(reshape.err()).contains("has 3 brokers; 'up' starts it as it is. To change the number of brokers,"
                + " run 'kafka-ha local scale --brokers 5 --name seed'");

        // Unharmed: every node still runs and Kafka still counts it (a loaded machine may answer a status late).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                cli.run("local", "status", "--name", "seed").assertOk().out().lines()
                        .filter(line -> line.contains("running, "))).hasSize(6));
    }

    @Test
    @Order(6)
    void downThenUpKeepsTheData() throws Exception {
        String clusterId = Files.readString(cluster.clusterDir().resolve("cluster.properties"));
        assertThat(cli.run("local", "down", "--name", "seed").assertOk().out()).contains("its data is kept");
        assertThat(cli.run("local", "status", "--name", "seed").assertOk().out().lines()
                .filter(line -> line.startsWith("seed-"))).hasSize(6).allMatch(line -> line.endsWith("stopped"));

        Cli.Result noCluster = cli.run("topic", "list");
        assertThat(noCluster.exitCode()).isEqualTo(1);
        assertThat(noCluster.err()).contains("no local cluster is running").contains("kafka-ha local up");

        cluster.up(PORT_BASE, 3, 3).assertOk();
        assertThat(Files.readString(cluster.clusterDir().resolve("cluster.properties"))).isEqualTo(clusterId);
        Cli.Result consumed = cli.run("consume", "messages", "--from-beginning", "--max-messages", "3",
                "--timeout", "60").assertOk();
        assertThat(consumed.out().lines()).containsExactly("hello", "world", "kafka-ha");
        try (KafkaAdmin admin = new KafkaAdmin(cluster.bootstrap())) {
            List<TopicPartitionInfo> partitions = admin.describe("orders").partitions();
            assertThat(partitions).isNotEmpty();
        }
    }
}
