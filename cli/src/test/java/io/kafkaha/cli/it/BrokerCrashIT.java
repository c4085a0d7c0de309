package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaha.core.verify.VerificationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HA claim itself: a broker of a 3+3 cluster is SIGKILLed while the verifier writes (acks=all, idempotent) to
 * an RF-3 topic, and every acknowledged record is still consumed, once, in order. With a second broker down,
 * produce reports Kafka's refusal within seconds. Restarting the brokers brings every partition's ISR back to 3.
 */
class BrokerCrashIT {
    private static final String TOPIC = "crash-verify";

    @TempDir
    Path home;
    private LocalClusterFixture cluster;

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    /**
     * With 1 broker of 3 left, Kafka answers every acks=all write with NOT_ENOUGH_REPLICAS and the producer would
     * retry it silently for two minutes, then blame a timeout. produce says what Kafka answers, within seconds:
     * for a send already waiting when the broker goes, and before reading any line once it is gone.
     */
    private static void produceIsRefusedWithKafkasReasonWhenASecondBrokerIsDown(Cli cli, KafkaAdmin admin)
            throws Exception {
        long records = admin.endOffsets(TOPIC);
        Cli.Running producing = cli.start("produce", TOPIC, "--name", "crash");
        producing.type("before\n");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.endOffsets(TOPIC) == records + 1);

        cli.run("local", "kill", "crash-broker-2", "--name", "crash").assertOk();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.largestIsr(TOPIC) < 2);
        long sent = System.nanoTime();
        producing.write("after\n");
        Cli.Result waited = producing.await(120);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(waited.exitCode()).as("stderr: %s", waited.err()).isEqualTo(1);
        assertThat(waited.err()).contains("kafka-ha: send failed: Kafka refuses acks=all writes to every partition"
                        + " of '" + TOPIC + "'").contains("NOT_ENOUGH_REPLICAS").contains("no further lines are sent")
                .contains("produced 1 record to " + TOPIC + "; 1 failed");
        // The producer's own delivery timeout is 120 s.
        assertThat(took).isLessThan(Duration.ofSeconds(45));

        Cli.Result refused = cli.runWithInput("never sent\n", "produce", TOPIC, "--name", "crash");
        assertThat(refused.exitCode()).as("stderr: %s", refused.err()).isEqualTo(1);
        assertThat(refused.err()).startsWith("kafka-ha: Kafka refuses acks=all writes to every partition of '"
                + TOPIC + "'").contains("NOT_ENOUGH_REPLICAS").contains("nothing was sent");
        assertThat(admin.endOffsets(TOPIC)).isEqualTo(records + 1);
    }

    @Test
    void noAcknowledgedRecordIsLostWhenABrokerCrashes() throws Exception {
        cluster = new LocalClusterFixture(home, "crash");
        cluster.up(22092, 3, 3).assertOk();
        Cli cli = cluster.cli;
        try (KafkaAdmin admin = new KafkaAdmin(cluster.bootstrap())) {
            Cli.Running verify = cli.start("verify", "--topic", TOPIC, "--duration", "40", "--rate", "150");
            // Crash the broker only once records are flowing, so the failure lands mid-stream.
            // The verifier's own JVM start and topic setup can take most of a minute on a loaded machine.
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !verify.isAlive() || admin.endOffsets(TOPIC) >= 500);
            assertThat(verify.isAlive()).as("verify ended before 500 records were written; stdout:%n%s%nstderr:%n%s",
                    verify.outSoFar(), verify.errSoFar()).isTrue();
            assertThat(admin.describe(TOPIC).partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            cli.run("local", "kill", "crash-broker-1", "--name", "crash").assertOk();

            Cli.Result result = verify.await(300);
            Map<String, String> report = VerificationReport.parseSummary(result.out());
            assertThat(report).as("verifier report:%n%s%n%s", result.out(), result.err())
                    .containsEntry("lost", "0")
                    .containsEntry("duplicates", "0")
                    .containsEntry("order-violations", "0")
                    .containsEntry("failed-sends", "0")
                    .containsEntry("result", "PASS");
            assertThat(Long.parseLong(report.get("acknowledged"))).isGreaterThan(500);
            assertThat(result.exitCode()).isZero();

            assertThat(cli.run("local", "status", "--name", "crash").assertOk().out())
                    .containsPattern("crash-broker-1 .*exited \\(crashed or killed\\)");
            assertThat(admin.smallestIsr(TOPIC)).isEqualTo(2);

            produceIsRefusedWithKafkasReasonWhenASecondBrokerIsDown(cli, admin);

            cli.run("local", "start", "crash-broker-1", "--name", "crash").assertOk();
            cli.run("local", "start", "crash-broker-2", "--name", "crash").assertOk();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.smallestIsr(TOPIC) == 3);
        }
    }
}
