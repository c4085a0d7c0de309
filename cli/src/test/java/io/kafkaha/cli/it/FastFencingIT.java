package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaha.cli.local.NodeProcess;
import io.kafkaha.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast fencing on the local runtime, on one 3+3 cluster under verified acks=all traffic: a SIGKILLed broker is
 * unregistered by the supervisor within a second or two and producers barely stall; a paused (SIGSTOPped) broker
 * is alive, so it is left to Kafka's session timeout and stays registered; a killed broker started again
 * re-registers and rejoins every ISR; with the supervisor itself crashed, only the fast path is lost (the stall
 * is Kafka's session timeout again — both stalls are printed, for the docs' figures).
 */
class FastFencingIT {
    private static final String NAME = "fence";
    private static final String TOPIC = "fence-verify";
    private static final int PORT_BASE = 28092;

    @TempDir
    Path home;
    private LocalClusterFixture cluster;

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void aKilledBrokerIsUnregisteredAtOnceAndAPausedOneIsNot() throws Exception {
        cluster = new LocalClusterFixture(home, NAME);
        cluster.up(PORT_BASE, 3, 3).assertOk();
        Cli cli = cluster.cli;
        assertThat(cli.run("local", "status", "--name", NAME).assertOk().out()).contains("Fast fencing: on");
        try (KafkaAdmin admin = new KafkaAdmin(cluster.bootstrap())) {
            Map<String, String> fast = verifyWhileKilling(cli, admin, "fence-broker-1", 1, true);
            System.out.println("FastFencingIT: max stall with fast fencing " + fast.get("max-stall-ms") + " ms");
            // The session timeout is 6 s (kafka-ha's default); the fast path must beat it clearly.
            assertThat(Double.parseDouble(fast.get("max-stall-ms"))).isLessThan(5_000);

            cli.run("local", "start", "fence-broker-1", "--name", NAME).assertOk();
            await().ignoreExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.smallestIsr(TOPIC) == 3);
            assertThat(admin.registeredBrokers()).containsEntry(1, false);

            pausedBrokerIsLeftToKafka(admin);

            // A crash of the supervisor loses the fast path and nothing else.
            NodeProcess supervisor = new NodeProcess(cluster.clusterDir().resolve("supervisor").resolve("pid"));
            supervisor.kill();
            assertThat(cli.run("local", "status", "--name", NAME).assertOk().out()).contains("Fast fencing: off");
            Map<String, String> slow = verifyWhileKilling(cli, admin, "fence-broker-1", 1, false);
            System.out.println("FastFencingIT: max stall without fast fencing " + slow.get("max-stall-ms") + " ms");
        }
    }

    /** Verifies while SIGKILLing {@code node}; asserts it is unregistered within 2 s iff the supervisor runs. */
    private Map<String, String> verifyWhileKilling(Cli cli, KafkaAdmin admin, String node, int brokerId,
                                                   boolean fastFencing) throws Exception {
        long before = endOffsets(admin);
        Cli.Running verify = cli.start("verify", "--name", NAME, "--topic", TOPIC, "--duration", "20",
                "--rate", "200");
        // Patient: on a loaded machine the verifier's JVM and its topic take a while.
        await().ignoreExceptions().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .alias("verifier acknowledged 600 records; its output so far: " + verify.errSoFar())
                .until(() -> endOffsets(admin) >= before + 600 || !verify.errSoFar().isEmpty()
                        && verify.errSoFar().contains("kafka-ha:"));
        assertThat(endOffsets(admin)).as("the verifier stopped early:%n%s", verify.errSoFar())
                .isGreaterThanOrEqualTo(before + 600);
        // What 'local kill' does; done here so the clock starts when the process is gone, not at a JVM's start.
        new NodeProcess(pidFile(node)).kill();
        long killed = System.nanoTime();
        if (fastFencing) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !admin.registeredBrokers().containsKey(brokerId));
            System.out.println("FastFencingIT: broker " + brokerId + " unregistered "
                    + (System.nanoTime() - killed) / 1_000_000 + " ms after its process died");
        } else {
            await().ignoreExceptions().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> admin.registeredBrokers().containsKey(brokerId));
        }
        Cli.Result result = verify.await(300);
        Map<String, String> report = VerificationReport.parseSummary(result.out());
        assertThat(report).as("verifier report:%n%s%n%s", result.out(), result.err())
                .containsEntry("lost", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("order-violations", "0")
                .containsEntry("failed-sends", "0")
                .containsEntry("result", "PASS");
        return report;
    }

    /** SIGSTOP for 12 s (beyond the 6 s session timeout): Kafka fences it, but it stays registered. */
    private void pausedBrokerIsLeftToKafka(KafkaAdmin admin) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile("fence-broker-2")).trim().split("\\s+")[0]);
        signal("STOP", pid);
        try {
            long paused = System.nanoTime();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Boolean.TRUE.equals(admin.registeredBrokers().get(2)));
            // Fenced by Kafka's session timeout — still registered; keep it paused to 12 s and look again.
            await().ignoreExceptions().pollDelay(Duration.ofNanos(Math.max(0, Duration.ofSeconds(12).toNanos()
                    - (System.nanoTime() - paused)))).atMost(Duration.ofSeconds(20))
                    .until(() -> admin.registeredBrokers().containsKey(2));
            assertThat(Files.readString(cluster.clusterDir().resolve("supervisor").resolve("supervisor.log")))
                    .doesNotContain("fence-broker-2 (pid");
        } finally {
            signal("CONT", pid);
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Boolean.FALSE.equals(admin.registeredBrokers().get(2)) && admin.smallestIsr(TOPIC) == 3);
    }

    private Path pidFile(String node) {
        return cluster.clusterDir().resolve("nodes").resolve(node).resolve("pid");
    }

    private static long endOffsets(KafkaAdmin admin) {
        try {
            return admin.endOffsets(TOPIC);
        } catch (Exception e) {
            return 0; // the verifier has not created the topic yet
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor()).isZero();
    }
}
