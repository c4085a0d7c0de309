package io.kafkaha.bench;

import io.kafkaha.bench.ProduceBenchmark.ProduceResult;
import io.kafkaha.bench.RoundResult.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the benchmarks: in every round, kafka-ha and the baseline each get a cluster started from nothing (timed:
 * benchmark 1), then the same produce run on it (benchmark 2), then it is stopped and deleted. The order flips
 * every round so drift in the machine's load (other builds, other clusters) hits both sides alike, and each
 * round's two runs are back to back. Prints the report and writes it as Markdown.
 *
 * <p>Every cluster is closed in a finally block, and by a shutdown hook on Ctrl-C; at the end the run checks that
 * no Kafka process it started is left.
 */
public final class BenchMain {
    private final BenchOptions options;
    private final Set<BenchCluster> open = ConcurrentHashMap.newKeySet();
    /** Set by the shutdown hook: no cluster may start after it has stopped the open ones. */
    private boolean stopping;

    private BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(BenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            System.exit(new BenchMain(options).run());
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private int run() throws Exception {
        requireInputs();
        ProcessStopper.deleteTree(options.workDir());
        Files.createDirectories(options.workDir());
        if (options.footprint()) {
            return new FootprintRounds(options).run();
        }
        if (options.roll()) {
            return new RollRounds(options).run();
        }
        if (options.soak()) {
            return new SoakBenchmark(options).run();
        }
        if (options.empty()) {
            return new EmptyBrokerBenchmark(options).run();
        }
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        int othersAtStart = Machine.kafkaProcesses().size();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "bench-cleanup"));

        ProduceBenchmark produce = new ProduceBenchmark(options.records(), options.warmupRecords(),
                options.valueBytes(), options.partitions());
        List<RoundResult> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            List<Variant> order = round % 2 == 1 ? List.of(Variant.KAFKA_HA, Variant.BASELINE)
                    : List.of(Variant.BASELINE, Variant.KAFKA_HA);
            Map<Variant, Measurement> measured = new EnumMap<>(Variant.class);
            List<String> failures = new ArrayList<>();
            for (Variant variant : order) {
                for (int attempt = 1; attempt <= 1 + options.retries() && !measured.containsKey(variant); attempt++) {
                    try {
                        measured.put(variant, measure(variant, round, attempt, produce));
                    } catch (Exception e) {
                        String line = "round " + round + ", " + variant.label() + ", attempt " + attempt + ": "
                                + e.getMessage();
                        failures.add(line.lines().findFirst().orElse(line));
                        System.err.println("bench: " + line);
                    }
                }
            }
            rounds.add(new RoundResult(round, order, measured, failures));
        }

        List<ProcessHandle> leftovers = Machine.kafkaProcessesUnder(options.workDir());
        ProcessStopper.kill(leftovers); // a safety net; the clusters' close() should have left none
        Duration took = Duration.between(started, Instant.now());
        String context = String.join("\n",
                "Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", took " + took.toMinutes() + " min "
                        + took.toSecondsPart() + " s.",
                "Machine: " + Machine.cpus() + " CPUs; load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end; " + othersAtStart
                        + " Kafka processes of others were running at start.",
                Machine.java() + "; Kafka " + Machine.kafkaVersion(options.kafkaHome()) + " from "
                        + options.kafkaHome() + " for both clusters.",
                "Heaps on both sides: brokers -Xms256m -Xmx512m, controllers -Xms128m -Xmx256m.",
                "kafka-ha: " + options.kafkaHaJar() + ", --port-base " + options.haPortBase() + "; baseline: ports "
                        + options.baselinePortBase() + "+ (a base with a port in use moves up by 10).",
                "Options: --rounds " + options.rounds() + " --records " + options.records() + " --warmup-records "
                        + options.warmupRecords() + " --value-bytes " + options.valueBytes() + " --partitions "
                        + options.partitions() + " --retries " + options.retries() + ".",
                "Kafka processes of this run left at the end: " + leftovers.size()
                        + (leftovers.isEmpty() ? "." : " (killed now)."),
                "Node logs: " + options.workDir() + ".");
        BenchReport report = new BenchReport(options, rounds, context);
        System.out.println(report.text());
        Files.createDirectories(options.resultsFile().getParent());
        Files.writeString(options.resultsFile(), report.markdown());
        System.out.println("Written to " + options.resultsFile());
        boolean allMeasured = rounds.stream().allMatch(RoundResult::complete);
        return allMeasured && leftovers.isEmpty() ? 0 : 1;
    }

    private Measurement measure(Variant variant, int round, int attempt, ProduceBenchmark produce)
            throws Exception {
        String label = "round-" + round + "-" + variant.label() + (attempt > 1 ? "-attempt-" + attempt : "");
        Path dir = options.workDir().resolve(label);
        int portBase = PortBase.firstFree(variant == Variant.KAFKA_HA ? options.haPortBase()
                : options.baselinePortBase(), attempt);
        BenchCluster cluster = variant == Variant.KAFKA_HA
                ? new KafkaHaCluster(options.kafkaHaJar(), options.kafkaHome(), dir.resolve("kafka-ha-home"), dir,
                portBase, options.startTimeout())
                : new QuickstartCluster(options.kafkaHome(), dir, portBase, options.startTimeout());
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("interrupted");
            }
            open.add(cluster);
        }
        String prefix = "[round " + round + "/" + options.rounds() + "] " + variant.label() + ": ";
        try {
            progress(prefix + "starting 3 controllers + 3 brokers on ports " + portBase + "+ ...");
            Startup startup = cluster.start();
            progress(prefix + "healthy after " + Stats.fixed(startup.wallSeconds(), 1) + " s ("
                    + Stats.fixed(startup.cpuSeconds(), 1) + " CPU s); producing "
                    + String.format("%,d", options.warmupRecords()) + " + " + String.format("%,d", options.records())
                    + " records ...");
            ProduceResult result = produce.run(cluster.bootstrapServers());
            progress(prefix + String.format("%,.0f", result.recordsPerSecond()) + " records/s, "
                    + Stats.fixed(result.mibPerSecond(), 1) + " MiB/s, p50 " + Stats.fixed(result.p50Millis(), 0)
                    + " ms, p99 " + Stats.fixed(result.p99Millis(), 0) + " ms (min.insync.replicas "
                    + result.minInSyncReplicas() + ")");
            return new Measurement(startup, result);
        } finally {
            long stopStarted = System.nanoTime();
            cluster.close();
            open.remove(cluster);
            progress(prefix + "stopped and deleted in " + Stats.fixed((System.nanoTime() - stopStarted) / 1e9, 1)
                    + " s");
        }
    }

    private void closeAll() {
        List<BenchCluster> clusters;
        synchronized (this) {
            stopping = true;
            clusters = List.copyOf(open);
        }
        for (BenchCluster cluster : clusters) {
            System.err.println("bench: stopping the " + cluster.variant().label() + " cluster");
            cluster.close();
        }
    }

    private static void progress(String line) {
        System.err.println(line);
    }

    private void requireInputs() {
        if (!Files.isRegularFile(options.kafkaHaJar())) {
            throw new IllegalStateException("no kafka-ha CLI jar at " + options.kafkaHaJar()
                    + "; bench/run.sh builds it, or pass --kafka-ha-jar");
        }
        if (!Files.isRegularFile(options.kafkaHome().resolve("bin/kafka-server-start.sh"))
                || !Files.isDirectory(options.kafkaHome().resolve("libs"))) {
            throw new IllegalStateException("no Kafka installation at " + options.kafkaHome()
                    + "; bench/run.sh builds it (kafka-home module), or pass --kafka-home");
        }
        // Maven copies resources without their executable bit
        for (String script : List.of("kafka-server-start.sh", "kafka-storage.sh")) {
            options.kafkaHome().resolve("bin").resolve(script).toFile().setExecutable(true);
        }
    }
}
