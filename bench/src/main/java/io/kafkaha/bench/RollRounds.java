package io.kafkaha.bench;

import io.kafkaha.core.verify.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the roll benchmark ({@link RollBenchmark}) for {@code --rounds} rounds: in each, a fresh kafka-ha local
 * 3+3 cluster per side, rolled the kafka-ha way and the naive way back to back, the order alternating per round.
 * Every cluster is closed in a finally block and by a shutdown hook; the report goes to the terminal and, as
 * Markdown, to the results file.
 */
final class RollRounds {
    private final BenchOptions options;
    private final RollBenchmark benchmark;
    private volatile KafkaHaCluster open;
    private boolean stopping;

    RollRounds(BenchOptions options) {
        this.options = options;
        this.benchmark = new RollBenchmark(options.partitions(), options.rollRate(), options.rollTail());
    }

    int run() throws Exception {
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        int othersAtStart = Machine.kafkaProcesses().size();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeOpen, "bench-cleanup"));
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            List<RollBenchmark.Kind> order = round % 2 == 1
                    ? List.of(RollBenchmark.Kind.KAFKA_HA, RollBenchmark.Kind.NAIVE)
                    : List.of(RollBenchmark.Kind.NAIVE, RollBenchmark.Kind.KAFKA_HA);
            Map<RollBenchmark.Kind, RollResult> results = new EnumMap<>(RollBenchmark.Kind.class);
            List<String> failures = new ArrayList<>();
            for (RollBenchmark.Kind kind : order) {
                for (int attempt = 1; attempt <= 1 + options.retries() && !results.containsKey(kind); attempt++) {
                    try {
                        results.put(kind, measure(kind, round, attempt));
                    } catch (Exception e) {
                        String line = "round " + round + ", " + kind.label() + ", attempt " + attempt + ": "
                                + e.getMessage();
                        failures.add(line.lines().findFirst().orElse(line));
                        System.err.println("bench: " + line);
                    }
                }
            }
            rounds.add(new Round(round, order, results, failures));
        }
        List<ProcessHandle> leftovers = Machine.kafkaProcessesUnder(options.workDir());
        ProcessStopper.kill(leftovers);
        Duration took = Duration.between(started, Instant.now());
        String context = String.join("\n",
                "Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", took " + took.toMinutes() + " min "
                        + took.toSecondsPart() + " s.",
                "Machine: " + Machine.cpus() + " CPUs; load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end; " + othersAtStart
                        + " Kafka processes of others were running at start.",
                Machine.java() + "; Kafka " + Machine.kafkaVersion(options.kafkaHome()) + " from "
                        + options.kafkaHome() + "; both sides are kafka-ha local clusters from " + options.kafkaHaJar()
                        + ", --port-base " + options.haPortBase() + "+.",
                "Traffic: kafka-ha's verifier at " + options.rollRate() + " records/s to a topic of "
                        + options.partitions() + " partitions, RF 3, min.insync.replicas 2; from 5 s before the"
                        + " roll to " + options.rollTail().toSeconds() + " s after it.",
                "Kafka processes of this run left at the end: " + leftovers.size()
                        + (leftovers.isEmpty() ? "." : " (killed now)."),
                "Node logs, roll logs and verifier reports: " + options.workDir() + ".");
        String text = report(rounds, false) + "\n" + context;
        System.out.println(text);
        StringBuilder markdown = new StringBuilder("# kafka-ha roll benchmark results\n\n").append(rounds.size())
                .append(" round(s); in each, a fresh kafka-ha local 3+3 cluster per side was rolled (all 6 nodes)")
                .append(" under verified traffic, kafka-ha's roll and the naive roll back to back, the order")
                .append(" alternating per round. Ratios are kafka-ha / naive.\n\n").append(report(rounds, true))
                .append("\n## Run\n\n");
        context.lines().forEach(line -> markdown.append("- ").append(line).append('\n'));
        Files.createDirectories(options.resultsFile().getParent());
        Files.writeString(options.resultsFile(), markdown.toString());
        System.out.println("Written to " + options.resultsFile());
        boolean complete = rounds.stream().allMatch(round -> round.results().size() == 2);
        return complete && leftovers.isEmpty() ? 0 : 1;
    }

    /** A cluster that fails to start (a port taken meanwhile, a broker that cannot register) is retried. */
    private RollResult measure(RollBenchmark.Kind kind, int round, int attempt) throws Exception {
        Path dir = options.workDir().resolve("roll-round-" + round + "-" + kind.name().toLowerCase()
                + (attempt > 1 ? "-attempt-" + attempt : ""));
        int portBase = PortBase.firstFree(options.haPortBase(), attempt);
        KafkaHaCluster cluster = new KafkaHaCluster(options.kafkaHaJar(), options.kafkaHome(),
                dir.resolve("kafka-ha-home"), dir, portBase, options.startTimeout());
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("interrupted");
            }
            open = cluster;
        }
        String prefix = "[round " + round + "/" + options.rounds() + "] " + kind.label() + ": ";
        try {
            progress(prefix + "starting 3 controllers + 3 brokers on ports " + portBase + "+ ...");
            cluster.start();
            progress(prefix + "healthy; rolling all 6 nodes under " + options.rollRate() + " records/s ...");
            RollResult result = benchmark.run(cluster, kind, dir);
            VerificationReport report = result.report();
            progress(prefix + "roll " + Stats.fixed(result.rollSeconds(), 1) + " s (restarts sum "
                    + Stats.fixed(result.restartSumSeconds(), 1) + " s), max stall "
                    + Stats.fixed(report.maxStall().toMillis() / 1000.0, 2) + " s, failed " + report.failedSends()
                    + ", lost " + report.lost() + ", duplicates " + report.duplicates() + ", order violations "
                    + report.orderViolations());
            return result;
        } finally {
            cluster.close();
            open = null;
        }
    }

    private static String report(List<Round> rounds, boolean markdown) {
        Table table = new Table("round", "side", "max stall s", "failed sends", "lost", "duplicates",
                "order violations", "p99 ms", "roll s", "restarts sum s", "roll / restarts sum");
        for (Round round : rounds) {
            RollResult ours = round.results().get(RollBenchmark.Kind.KAFKA_HA);
            RollResult naive = round.results().get(RollBenchmark.Kind.NAIVE);
            for (RollBenchmark.Kind kind : round.order()) {
                RollResult result = round.results().get(kind);
                if (result != null) {
                    table.row(String.valueOf(round.number()), kind.label(), Stats.fixed(stall(result), 2),
                            count(result, VerificationReport::failedSends), count(result, VerificationReport::lost),
                            count(result, VerificationReport::duplicates),
                            count(result, VerificationReport::orderViolations), Stats.fixed(p99(result), 0),
                            Stats.fixed(result.rollSeconds(), 1), Stats.fixed(result.restartSumSeconds(), 1),
                            Stats.fixed(result.overhead(), 2));
                }
            }
            if (ours != null && naive != null) {
                table.row(String.valueOf(round.number()), "ratio kafka-ha/naive",
                        ratio(stall(ours), stall(naive), 2), ratio(ours.report().failedSends(),
                                naive.report().failedSends(), 2), ratio(ours.report().lost(), naive.report().lost(), 2),
                        ratio(ours.report().duplicates(), naive.report().duplicates(), 2),
                        ratio(ours.report().orderViolations(), naive.report().orderViolations(), 2),
                        ratio(p99(ours), p99(naive), 2), ratio(ours.rollSeconds(), naive.rollSeconds(), 2),
                        ratio(ours.restartSumSeconds(), naive.restartSumSeconds(), 2),
                        ratio(ours.overhead(), naive.overhead(), 2));
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(markdown ? "## 3. Rolling restart of 3 controllers + 3 brokers under verified traffic\n\n"
                : "\n== 3. Rolling restart of 3 controllers + 3 brokers under verified traffic\n\n");
        text.append(markdown ? table.markdown() : table.text());
        text.append("\nTargets for kafka-ha's roll: 0 failed sends, 0 lost, max stall ≤ 1 s, roll / restarts sum ≤ 1.3."
                + " Lost, duplicates and order violations are judged per message by kafka-ha's verifier.\n");
        for (Round round : rounds) {
            round.failures().forEach(line -> text.append(markdown ? "\n- failed: " : "\nfailed: ").append(line));
            for (RollBenchmark.Kind kind : round.order()) {
                RollResult result = round.results().get(kind);
                if (result != null) {
                    text.append(markdown ? "\n- " : "\n").append("round ").append(round.number()).append(' ')
                            .append(kind.label()).append(" restarts (stop → port accepting): ")
                            .append(restartList(result));
                }
            }
        }
        return text.append('\n').toString();
    }

    private static String restartList(RollResult result) {
        List<String> parts = new ArrayList<>();
        result.restarts().forEach((node, took) -> parts.add(node + " " + Stats.fixed(took.toMillis() / 1000.0, 1)
                + " s"));
        return String.join(", ", parts);
    }

    private static double stall(RollResult result) {
        return result.report().maxStall().toMillis() / 1000.0;
    }

    private static double p99(RollResult result) {
        return result.report().latencyP99().toNanos() / 1e6;
    }

    private static String count(RollResult result, java.util.function.ToLongFunction<VerificationReport> figure) {
        return String.valueOf(figure.applyAsLong(result.report()));
    }

    private static String ratio(double ours, double naive, int decimals) {
        return naive == 0 ? (ours == 0 ? "=" : "∞") : Stats.fixed(ours / naive, decimals);
    }

    private void closeOpen() {
        KafkaHaCluster cluster;
        synchronized (this) {
            stopping = true;
            cluster = open;
        }
        if (cluster != null) {
            System.err.println("bench: stopping the roll benchmark's cluster");
            cluster.close();
        }
    }

    private static void progress(String line) {
        System.err.println(line);
    }

    private record Round(int number, List<RollBenchmark.Kind> order, Map<RollBenchmark.Kind, RollResult> results,
                         List<String> failures) {
    }

}
