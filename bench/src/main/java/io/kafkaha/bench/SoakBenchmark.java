package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The soak benchmark: one kafka-ha local 3+3 cluster with the rendered failure-detection timeouts runs for
 * {@code --soak-minutes} under kafka-ha's verifier (acks=all, idempotent, every record read back and judged) while
 * busy-loop threads keep {@code --cpu-threads} cores busy. Nothing is paused or killed, so every broker that gets
 * fenced or unregistered is a false fencing: the timeouts were too tight for the machine. Counted two ways: by
 * polling Kafka every second ({@link FencingWatch}), and from the controllers' log lines at the end.
 */
final class SoakBenchmark {
    private static final String TOPIC = "kafka-ha-soak";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);
    /** The line Kafka's controller logs when it fences a broker whose heartbeats stopped. */
    static final String FENCING_LINE = "because its session has timed out";
    /** The line a partition leader logs when it drops a follower from the ISR. */
    static final String ISR_SHRINK_LINE = "Shrinking ISR";

    private final BenchOptions options;
    private volatile KafkaHaCluster open;

    SoakBenchmark(BenchOptions options) {
        this.options = options;
    }

    int run() throws Exception {
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        int othersAtStart = Machine.kafkaProcesses().size();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeOpen, "bench-cleanup"));
        Path dir = options.workDir().resolve("soak");
        int portBase = PortBase.firstFree(options.haPortBase(), 1);
        KafkaHaCluster cluster = new KafkaHaCluster(options.kafkaHaJar(), options.kafkaHome(),
                dir.resolve("kafka-ha-home"), dir, portBase, options.startTimeout());
        open = cluster;
        Outcome outcome;
        try {
            progress("soak: starting 3 controllers + 3 brokers on ports " + portBase + "+ ...");
            cluster.start();
            outcome = soak(cluster);
            outcome = outcome.withLogCounts(countLines(cluster.nodesDir(), "controller", FENCING_LINE),
                    countLines(cluster.nodesDir(), "broker", ISR_SHRINK_LINE));
            Files.writeString(dir.resolve("verify-report.txt"), outcome.report().render(true));
        } finally {
            cluster.close();
            open = null;
        }
        List<ProcessHandle> leftovers = Machine.kafkaProcessesUnder(options.workDir());
        ProcessStopper.kill(leftovers);
        String text = render(outcome, started, loadAtStart, othersAtStart, portBase, leftovers.size());
        System.out.println(text);
        Files.createDirectories(options.resultsFile().getParent());
        Files.writeString(options.resultsFile(), "# kafka-ha soak benchmark results\n\n" + text);
        System.out.println("Written to " + options.resultsFile());
        return outcome.passed() && leftovers.isEmpty() ? 0 : 1;
    }

    private Outcome soak(KafkaHaCluster cluster) throws Exception {
        String bootstrap = cluster.bootstrapServers();
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
            ClusterInspector inspector = new ClusterInspector(admin);
            Set<Integer> brokers = prepare(admin, inspector);
            FencingWatch watch = new FencingWatch(brokers);
            VerifierSettings settings = new VerifierSettings(bootstrap, TOPIC,
                    options.soakDuration().plus(Duration.ofMinutes(10)), options.soakRate(),
                    VerifierSettings.DEFAULT_DRAIN_TIMEOUT);
            LoadSamples load = new LoadSamples();
            long pollFailures = 0;
            long viewsWithANodeDown = 0;
            long start = System.nanoTime();
            long end = start + options.soakDuration().toNanos();
            long nextProgress = start + PROGRESS_EVERY.toNanos();
            VerificationReport report;
            Duration soaked;
            progress("soak: " + brokers.size() + " brokers " + brokers + "; verified traffic at "
                    + options.soakRate() + " records/s and " + options.cpuThreads() + " busy-loop threads for "
                    + options.soakDuration().toMinutes() + " min");
            try (VerificationRun traffic = Verifier.start(settings)) {
                try (CpuPressure pressure = new CpuPressure(options.cpuThreads())) {
                    while (System.nanoTime() < end && !traffic.isDone()) {
                        long tick = System.nanoTime();
                        Duration at = Duration.ofNanos(tick - start);
                        if (cluster.nodeProcessCount() < BenchCluster.BROKERS + BenchCluster.CONTROLLERS) {
                            viewsWithANodeDown++;
                        }
                        try {
                            watch.observe(inspector.inspect(), at);
                        } catch (ExecutionException | RuntimeException e) {
                            pollFailures++;
                        }
                        if (tick >= nextProgress) {
                            load.sample();
                            nextProgress += PROGRESS_EVERY.toNanos();
                            progress("soak: " + at.toMinutes() + " min, " + traffic.acknowledged() + " acked, "
                                    + traffic.failedSends() + " failed sends, false fencings "
                                    + watch.falseFencings() + ", ISR shrinks " + watch.isrShrinks()
                                    + ", quorum leader changes " + watch.quorumLeaderChanges() + ", load "
                                    + Machine.loadAverage());
                        }
                        long sleep = POLL.toNanos() - (System.nanoTime() - tick);
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000);
                        }
                    }
                }
                soaked = Duration.ofNanos(System.nanoTime() - start);
                traffic.stopProducing();
                progress("soak: " + soaked.toMinutes() + " min soaked; draining and judging");
                report = traffic.awaitReport();
            }
            return new Outcome(report, soaked, watch, pollFailures, viewsWithANodeDown, load, -1, -1);
        }
    }

    /**
     * Creates the topic and returns the registered brokers, once all three are there unfenced. Retried: on a
     * loaded machine the first Admin calls after start-up can time out.
     */
    private Set<Integer> prepare(Admin admin, ClusterInspector inspector) throws Exception {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        boolean created = false;
        while (true) {
            try {
                if (!created) {
                    admin.createTopics(List.of(new NewTopic(TOPIC, options.partitions(), (short) 3))).all().get();
                    created = true;
                }
                Set<Integer> brokers = inspector.inspect().brokers().stream().filter(broker -> !broker.fenced())
                        .map(ClusterHealth.Broker::nodeId).collect(Collectors.toSet());
                if (brokers.size() == BenchCluster.BROKERS) {
                    return brokers;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    created = true;
                } else if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all " + BenchCluster.BROKERS + " brokers registered and unfenced"
                        + " within " + options.startTimeout().toSeconds() + " s");
            }
            Thread.sleep(1_000);
        }
    }

    /** Lines containing {@code text} in the {@code node.log} of every node whose name contains {@code role}. */
    static long countLines(Path nodesDir, String role, String text) {
        long count = 0;
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(nodesDir, "*" + role + "*")) {
            for (Path node : nodes) {
                Path log = node.resolve("node.log");
                if (Files.exists(log)) {
                    try (Stream<String> lines = Files.lines(log)) {
                        count += lines.filter(line -> line.contains(text)).count();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: cannot read the node logs in " + nodesDir + ": " + e.getMessage());
            return -1;
        }
        return count;
    }

    private String render(Outcome outcome, Instant started, String loadAtStart, int othersAtStart, int portBase,
                          int leftovers) {
        VerificationReport report = outcome.report();
        Table table = new Table("soaked", "acked", "lost", "duplicates", "order violations", "failed sends",
                "max stall s", "false fencings", "fencing log lines", "ISR shrinks", "ISR shrink log lines",
                "quorum leader changes", "load avg (mean / max)");
        table.row(outcome.soaked().toMinutes() + " min " + outcome.soaked().toSecondsPart() + " s",
                String.valueOf(report.acknowledged()), String.valueOf(report.lost()),
                String.valueOf(report.duplicates()), String.valueOf(report.orderViolations()),
                String.valueOf(report.failedSends()), Stats.fixed(report.maxStall().toMillis() / 1000.0, 2),
                String.valueOf(outcome.watch().falseFencings()), String.valueOf(outcome.fencingLogLines()),
                String.valueOf(outcome.watch().isrShrinks()), String.valueOf(outcome.isrShrinkLogLines()),
                String.valueOf(outcome.watch().quorumLeaderChanges()), outcome.load().summary());
        List<String> lines = new ArrayList<>();
        lines.add(table.markdown());
        lines.add("Result: " + (outcome.passed() ? "PASS" : "FAIL")
                + " (0 false fencings, 0 lost, 0 duplicates, 0 order violations, all 6 nodes running throughout).");
        lines.add("");
        lines.add("- Run " + started.truncatedTo(ChronoUnit.SECONDS) + "; " + Machine.cpus() + " CPUs; load average "
                + loadAtStart + " at start, " + Machine.loadAverage() + " at end; " + othersAtStart
                + " Kafka processes of others were running at start.");
        lines.add("- " + Machine.java() + "; Kafka " + Machine.kafkaVersion(options.kafkaHome()) + "; kafka-ha local"
                + " cluster from " + options.kafkaHaJar() + ", --port-base " + portBase + ", rendered defaults.");
        lines.add("- Traffic: kafka-ha's verifier at " + options.soakRate() + " records/s to " + TOPIC + " ("
                + options.partitions() + " partitions, RF 3, min.insync.replicas 2); " + options.cpuThreads()
                + " busy-loop threads in the benchmark's JVM throughout.");
        lines.add("- Cluster views: " + outcome.watch().views() + " (one a second), " + outcome.pollFailures()
                + " failed; views with a node process missing: " + outcome.viewsWithANodeDown() + ".");
        lines.add("- Kafka processes of this run left at the end: " + leftovers + (leftovers == 0 ? "." : " (killed)."));
        outcome.watch().events().forEach(event -> lines.add("- event " + event));
        return String.join("\n", lines) + "\n";
    }

    private void closeOpen() {
        KafkaHaCluster cluster = open;
        if (cluster != null) {
            System.err.println("bench: stopping the soak's cluster");
            cluster.close();
        }
    }

    private static void progress(String line) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    /** The 1-minute load average, sampled once a minute. */
    static final class LoadSamples {
        private final List<Double> samples = new ArrayList<>();

        void sample() {
            try {
                samples.add(Double.parseDouble(Machine.loadAverage()));
            } catch (NumberFormatException e) {
                // no /proc/loadavg: nothing to report
            }
        }

        String summary() {
            if (samples.isEmpty()) {
                return "?";
            }
            double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return Stats.fixed(mean, 1) + " / " + Stats.fixed(max, 1);
        }
    }

    private record Outcome(VerificationReport report, Duration soaked, FencingWatch watch, long pollFailures,
                           long viewsWithANodeDown, LoadSamples load, long fencingLogLines,
                           long isrShrinkLogLines) {
        Outcome withLogCounts(long fencing, long isrShrinks) {
            return new Outcome(report, soaked, watch, pollFailures, viewsWithANodeDown, load, fencing, isrShrinks);
        }

        boolean passed() {
            return watch.falseFencings() == 0 && fencingLogLines == 0 && viewsWithANodeDown == 0 && report.passed();
        }
    }
}
