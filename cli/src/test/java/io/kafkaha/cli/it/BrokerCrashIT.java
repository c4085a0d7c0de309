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
 * an RF-3 topic, and every acknowledged record is still consumed, once, in order. Restarting the broker brings
 * every partition's ISR back to 3.
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

    @Test
    void noAcknowledgedRecordIsLostWhenABrokerCrashes() throws Exception {
        cluster = new LocalClusterFixture(home, "crash");
        cluster.up(22092, 3, 3).assertOk();
        Cli cli = cluster.cli;
        try (KafkaAdmin admin = new KafkaAdmin(cluster.bootstrap())) {
            Cli.Running verify = cli.start("verify", "--topic", TOPIC, "--duration", "40", "--rate", "150");
            // Crash the broker only once records are flowing, so the failure lands mid-stream.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.endOffsets(TOPIC) >= 500);
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

            cli.run("local", "start", "crash-broker-1", "--name", "crash").assertOk();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.smallestIsr(TOPIC) == 3);
        }
    }
}
