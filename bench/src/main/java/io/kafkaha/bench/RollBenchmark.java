package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Benchmark 3: a rolling restart of all 6 nodes of a running kafka-ha local 3+3 cluster under verified traffic.
 * Both sides get the same fresh cluster, topic (RF 3, min ISR 2) and traffic (kafka-ha's {@link Verifier}:
 * acks=all idempotent producer at a fixed rate plus a concurrent consumer, judged per message); only how the roll
 * proceeds differs:
 * <ul>
 *   <li>{@link Kind#KAFKA_HA}: {@code kafka-ha local roll}, which asks core's RollPlanner before every step
 *       (controllers first, a broker only when every partition on it has ISR ≥ minISR+1);</li>
 *   <li>{@link Kind#NAIVE}: what a StatefulSet RollingUpdate with a TCP readiness probe does: controllers then
 *       brokers, highest ordinal first, each stopped gracefully (SIGTERM, up to 60 s as kafka-ha's NodeProcess
 *       stop), started again ({@code kafka-ha local start}, so the same runtime and config) and left as soon as
 *       its port accepts TCP.</li>
 * </ul>
 * Traffic starts before the roll and runs a tail after it; then the consumer drains and the verifier reports.
 */
final class RollBenchmark {
    private static final String TOPIC = "bench-roll";
    private static final int REPLICATION_FACTOR = 3;
    private static final int MIN_ISR = 2;
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60); // LocalCluster.STOP_GRACE
    private static final Duration NODE_UP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration ROLL_TIMEOUT = Duration.ofMinutes(20);
    /** Far longer than any roll: the run is ended by stopProducing() after the tail. */
    private static final Duration TRAFFIC_CAP = Duration.ofHours(1);
    private static final Duration LEAD_IN = Duration.ofSeconds(5);
    private static final Pattern RESTARTING = Pattern.compile("^restarting (\\S+)");

    /** How the roll proceeds; everything else is the same on both sides. */
    enum Kind {
        KAFKA_HA("kafka-ha roll"),
        NAIVE("naive roll");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final int partitions;
    private final int ratePerSecond;
    private final Duration tail;

    RollBenchmark(int partitions, int ratePerSecond, Duration tail) {
        this.partitions = partitions;
        this.ratePerSecond = ratePerSecond;
        this.tail = tail;
    }

    /** Rolls {@code cluster} (running and healthy) the {@code kind} way under traffic; logs go to {@code logDir}. */
    RollResult run(KafkaHaCluster cluster, Kind kind, Path logDir) throws Exception {
        createTopic(cluster.bootstrapServers());
        VerifierSettings settings = new VerifierSettings(cluster.bootstrapServers(), TOPIC, TRAFFIC_CAP,
                ratePerSecond, VerifierSettings.DEFAULT_DRAIN_TIMEOUT);
        try (RestartClock clock = new RestartClock(ports(cluster.portBase()));
             VerificationRun traffic = Verifier.start(settings)) {
            Thread.sleep(LEAD_IN.toMillis()); // steady traffic before the first stop
            long started = System.nanoTime();
            if (kind == Kind.KAFKA_HA) {
                rollOurs(cluster, clock, logDir.resolve("local-roll.log"));
            } else {
                rollNaive(cluster, clock, logDir.resolve("naive-roll.log"));
            }
            Duration rollTime = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(tail.toMillis());
            traffic.stopProducing();
            VerificationReport report = traffic.awaitReport();
            awaitRestartsTimed(clock);
            Files.writeString(logDir.resolve("verify-report.txt"), report.render(true));
            return new RollResult(report, rollTime, clock.restarts());
        }
    }

    /** {@code kafka-ha local roll} of every node; each "restarting NODE" line it prints starts that node's clock. */
    private static void rollOurs(KafkaHaCluster cluster, RestartClock clock, Path log) throws Exception {
        Process roll = cluster.cli(null, "roll", "--name", KafkaHaCluster.NAME, "--timeout",
                String.valueOf(ROLL_TIMEOUT.toSeconds()));
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(roll.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher restarting = RESTARTING.matcher(line);
                if (restarting.find()) {
                    clock.stopping(restarting.group(1));
                }
                Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } finally {
            if (!roll.waitFor(30, TimeUnit.SECONDS)) {
                roll.destroyForcibly();
            }
        }
        if (roll.exitValue() != 0) {
            throw new IllegalStateException("'kafka-ha local roll' failed (exit " + roll.exitValue() + "):\n"
                    + ProcessStopper.tail(log, 15));
        }
    }

    /** StatefulSet RollingUpdate with a TCP readiness probe: stop, start, next as soon as the port accepts. */
    private static void rollNaive(KafkaHaCluster cluster, RestartClock clock, Path log) throws Exception {
        List<Process> starts = new ArrayList<>();
        try {
            for (String node : naiveOrder()) {
                ProcessHandle process = cluster.nodeProcess(node).orElseThrow(() -> new IllegalStateException(
                        node + " is not running before its naive restart"));
                clock.stopping(node);
                Files.writeString(log, "stopping " + node + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                process.destroy(); // SIGTERM: a broker hands its leadership over, as on 'local stop'
                try {
                    process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    process.destroyForcibly();
                    process.onExit().get(10, TimeUnit.SECONDS);
                }
                // 'local start' launches the node, then waits for Kafka's verdict; the naive roll does not
                starts.add(cluster.cli(log, "start", "--name", KafkaHaCluster.NAME, node, "--timeout",
                        String.valueOf(NODE_UP_TIMEOUT.toSeconds())));
                long deadline = System.nanoTime() + NODE_UP_TIMEOUT.toNanos();
                while (!clock.accepts(node)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(node + "'s port did not accept within "
                                + NODE_UP_TIMEOUT.toSeconds() + "s of its start; see " + log);
                    }
                    Thread.sleep(50);
                }
            }
        } finally {
            for (Process start : starts) {
                if (!start.waitFor(NODE_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    start.destroyForcibly(); // the CLI only; the node runs in a session of its own
                }
            }
        }
    }

    /** The StatefulSet controller's order: controllers, then brokers, each highest ordinal first. */
    static List<String> naiveOrder() {
        List<String> order = new ArrayList<>();
        for (int n = BenchCluster.CONTROLLERS - 1; n >= 0; n--) {
            order.add(KafkaHaCluster.NAME + "-controller-" + n);
        }
        for (int n = BenchCluster.BROKERS - 1; n >= 0; n--) {
            order.add(KafkaHaCluster.NAME + "-broker-" + n);
        }
        return order;
    }

    /** Node → the port that shows it up: broker n serves on base+n, controller n listens on base+200+n. */
    private static Map<String, Integer> ports(int portBase) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int n = 0; n < BenchCluster.BROKERS; n++) {
            ports.put(KafkaHaCluster.NAME + "-broker-" + n, portBase + n);
        }
        for (int n = 0; n < BenchCluster.CONTROLLERS; n++) {
            ports.put(KafkaHaCluster.NAME + "-controller-" + n, portBase + 200 + n);
        }
        return ports;
    }

    /** The last node's port may come up just after the roll's end is seen; give the clock a moment. */
    private static void awaitRestartsTimed(RestartClock clock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!clock.unfinished().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!clock.unfinished().isEmpty()) {
            throw new IllegalStateException("no restart time for " + clock.unfinished()
                    + ": its port was not seen closing and accepting again");
        }
    }

    private void createTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) REPLICATION_FACTOR)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(MIN_ISR)))))
                    .all().get();
            long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
            while (!fullyInSync(admin)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + TOPIC + " has partitions without a leader or"
                            + " with fewer than 3 in-sync replicas after " + TOPIC_READY_TIMEOUT.toSeconds() + "s");
                }
                Thread.sleep(200);
            }
        }
    }

    private boolean fullyInSync(Admin admin) {
        try {
            TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            if (description.partitions().size() != partitions) {
                return false;
            }
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()
                        || partition.isr().size() < REPLICATION_FACTOR) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            return false; // metadata not propagated yet
        }
    }

}
