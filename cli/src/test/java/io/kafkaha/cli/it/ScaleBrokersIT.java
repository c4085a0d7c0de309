package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.MoveGoal;
import io.kafkaha.core.verify.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brokers 3 → 4 → 3 on the local runtime while kafka-ha's verifier writes acks=all to an RF-3 topic: the new
 * broker takes its share of replicas and leaderships, a partition mover abandoned half-way (its first batch
 * throttled to a crawl) is finished by the next {@code local scale}, the removed broker ends with no replica and
 * gone from Kafka's metadata, and the verifier sees nothing lost, duplicated, reordered or failed. A scale-down
 * below a topic's replication factor is refused and changes nothing. One 3+3 cluster for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleBrokersIT {
    private static final String NAME = "scale";
    /** Its ports (+0 to +204) lie below Linux's ephemeral range (32768+), where a client connection's own end can take one. */
    private static final int PORT_BASE = 31092;
    private static final String TOPIC = "scale-verify";
    // Sorts after TOPIC: the abandoned mover's first batch moves the verifier's partitions, which hold data.
    private static final String SPREAD = "scale-wide";
    private static final int NEW_BROKER = 3;

    private LocalClusterFixture cluster;
    private String bootstrap;

    @BeforeAll
    void start(@TempDir Path home) {
        cluster = new LocalClusterFixture(home, NAME);
        cluster.up(PORT_BASE, 3, 3).assertOk();
        bootstrap = cluster.bootstrap();
        cluster.cli.run("topic", "create", TOPIC, "-b", bootstrap, "--partitions", "6", "--replication-factor", "3")
                .assertOk();
        cluster.cli.run("topic", "create", SPREAD, "-b", bootstrap, "--partitions", "12", "--replication-factor",
                "3").assertOk();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void threeToFourToThreeUnderVerifiedTraffic() throws Exception {
        try (KafkaAdmin kafka = new KafkaAdmin(bootstrap); Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
            Cli.Running verify = cluster.cli.start("verify", "-b", bootstrap, "--topic", TOPIC, "--duration", "100",
                    "--rate", "250");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kafka.endOffsets(TOPIC) >= 2_000);

            // Up without rebalancing: the new broker joins empty.
            Cli.Result up = cluster.cli.run("local", "scale", "--name", NAME, "--brokers", "4", "--no-rebalance")
                    .assertOk();
            System.out.println("scale 3 -> 4 (no rebalance):\n" + up.out());
            assertThat(kafka.servingBrokers()).isEqualTo(4);
            assertThat(replicasOn(admin, NEW_BROKER)).isZero();

            // A mover that is abandoned after its first batch, throttled to a crawl so the batch is still running.
            PartitionMover abandoned = new PartitionMover(admin);
            abandoned.submitFirstBatch(new MoveGoal.SpreadEvenly(), new MoveSettings(1024, 5, Duration.ofSeconds(1),
                    Duration.ofMinutes(1)));
            assertThat(admin.listPartitionReassignments().reassignments().get()).as("moves left running").isNotEmpty();
            assertThat(kafka.topicConfig(TOPIC, "follower.replication.throttled.replicas")).as("throttle left")
                    .contains(":" + NEW_BROKER);

            // The same command again resumes: finishes Kafka's ongoing moves, then plans and moves the rest.
            Cli.Result resume = cluster.cli.run("local", "scale", "--name", NAME, "--brokers", "4").assertOk();
            System.out.println("scale 4 -> 4 (resume):\n" + resume.out());
            assertThat(resume.out()).contains("Spreading partitions over 4 brokers: ").contains(" done, throttle 50 MiB/s");
            assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
            assertNoThrottleLeft(kafka, admin);
            int replicas = replicasOn(admin, NEW_BROKER);
            // 18 partitions x 3 replicas over 4 brokers: 13-14 each; 18 leaders: 4-5 each (once elected).
            assertThat(replicas).as("replicas on the new broker").isBetween(13, 14);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(leadersOn(admin, NEW_BROKER))
                            .as("partitions the new broker leads").isBetween(4, 5));

            Cli.Result down = cluster.cli.run("local", "scale", "--name", NAME, "--brokers", "3").assertOk();
            System.out.println("scale 4 -> 3:\n" + down.out());
            assertThat(down.out()).contains("Moving partitions off scale-broker-3: ")
                    .contains("Removed scale-broker-3 (broker 3): stopped, unregistered.");
            assertThat(replicasOn(admin, NEW_BROKER)).as("replicas left on the removed broker").isZero();
            assertThat(admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes().get()
                    .stream().map(Node::id)).as("brokers in Kafka's metadata").containsExactlyInAnyOrder(0, 1, 2);
            assertThat(Files.readString(cluster.clusterDir().resolve("cluster.properties"))).contains("brokers=3");
            assertThat(cluster.clusterDir().resolve("nodes").resolve("scale-broker-3")).doesNotExist();

            Cli.Result result = verify.await(200);
            System.out.println("verifier during the scaling:\n" + result.out());
            Map<String, String> report = VerificationReport.parseSummary(result.out());
            assertThat(report).as("verifier report:%n%s%n%s", result.out(), result.err())
                    .containsEntry("lost", "0")
                    .containsEntry("duplicates", "0")
                    .containsEntry("order-violations", "0")
                    .containsEntry("failed-sends", "0")
                    .containsEntry("result", "PASS");
            assertThat(Long.parseLong(report.get("acknowledged"))).isGreaterThanOrEqualTo(20_000);
        }
    }

    @Test
    @Order(2)
    void aScaleDownBelowAReplicationFactorIsRefusedAndChangesNothing() throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
            List<String> before = placement(admin);
            String stateBefore = Files.readString(cluster.clusterDir().resolve("cluster.properties"));

            Cli.Result refused = cluster.cli.run("local", "scale", "--name", NAME, "--brokers", "2");

            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("cannot scale cluster 'scale' from 3 to 2 brokers; nothing was changed:")
                    .contains("has replication factor 3, more than the 2 broker(s) that would be left");
            assertThat(placement(admin)).isEqualTo(before);
            assertThat(Files.readString(cluster.clusterDir().resolve("cluster.properties"))).isEqualTo(stateBefore);
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        }
    }

    private static void assertNoThrottleLeft(KafkaAdmin kafka, Admin admin) throws Exception {
        for (Node broker : admin.describeCluster().nodes().get()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker.id()));
            ConfigEntry rate = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("leader.replication.throttled.rate");
            assertThat(rate == null ? null : rate.source()).as("broker %d's throttle", broker.id())
                    .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);
        }
        for (String topic : List.of(TOPIC, SPREAD)) {
            assertThat(kafka.topicConfig(topic, "leader.replication.throttled.replicas")).as(topic).isEmpty();
            assertThat(kafka.topicConfig(topic, "follower.replication.throttled.replicas")).as(topic).isEmpty();
        }
    }

    private static Collection<TopicDescription> topics(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC, SPREAD)).allTopicNames().get().values();
    }

    private static int replicasOn(Admin admin, int broker) throws Exception {
        int count = 0;
        for (TopicDescription topic : topics(admin)) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                count += partition.replicas().stream().anyMatch(node -> node.id() == broker) ? 1 : 0;
            }
        }
        return count;
    }

    private static int leadersOn(Admin admin, int broker) throws Exception {
        int count = 0;
        for (TopicDescription topic : topics(admin)) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                count += partition.leader() != null && partition.leader().id() == broker ? 1 : 0;
            }
        }
        return count;
    }

    private static List<String> placement(Admin admin) throws Exception {
        List<String> placement = new ArrayList<>();
        for (TopicDescription topic : topics(admin)) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                placement.add(topic.name() + "-" + partition.partition() + " " + partition.replicas().stream()
                        .map(Node::id).toList());
            }
        }
        placement.sort(String::compareTo);
        return placement;
    }
}
