package io.kafkaha.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs the footprint benchmark ({@link FootprintBenchmark}) for {@code --rounds} rounds and each cluster count:
 * the operator started without JVM flags and by the kafka-ha launcher, back to back, the order alternating per
 * round. Prints one row per run and, per round and cluster count, the ratio launcher / no flags.
 */
final class FootprintRounds {
    private final BenchOptions options;
    private final FootprintBenchmark benchmark;

    FootprintRounds(BenchOptions options) {
        this.options = options;
        this.benchmark = new FootprintBenchmark(options.kafkaHaJar(), options.launcher(), options.crd(),
                options.startTimeout(), options.idle());
    }

    int run() throws Exception {
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        List<FootprintResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (int clusters : options.clusterCounts()) {
                List<OperatorProcess.Launch> order = new ArrayList<>(List.of(OperatorProcess.Launch.values()));
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (OperatorProcess.Launch launch : order) {
                    // On an overloaded machine the operator's 10 s request timeout can stop its start-up: retried.
                    for (int attempt = 1; attempt <= 1 + options.retries(); attempt++) {
                        String label = "round " + round + ", " + clusters + " cluster(s), " + launch.label()
                                + ", attempt " + attempt;
                        System.err.println("bench: " + label + " ...");
                        try {
                            results.add(benchmark.run(launch, clusters, options.workDir().resolve(
                                    "footprint-round-" + round + "-" + clusters + "-"
                                            + launch.name().toLowerCase() + "-" + attempt)));
                            break;
                        } catch (Exception e) {
                            String line = label + ": " + e.getMessage();
                            failures.add(line.lines().findFirst().orElse(line));
                            System.err.println("bench: " + line);
                        }
                    }
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        String context = String.join("\n",
                "Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", took " + took.toMinutes() + " min "
                        + took.toSecondsPart() + " s.",
                "Machine: " + Machine.cpus() + " CPUs; load average " + loadAtStart + " at start, "
                        + Machine.loadAverage() + " at end. " + Machine.java() + ".",
                "Operator: " + options.kafkaHaJar() + "; launcher " + options.launcher() + "; idle period "
                        + options.idle().toSeconds() + " s; mock API server (fabric8 CRUD + server-side apply)"
                        + " in the benchmark's JVM.",
                "Operator logs: " + options.workDir() + "/footprint-round-*/operator.log.",
                failures.isEmpty() ? "No attempt failed." : "Failed attempts:\n  " + String.join("\n  ", failures));
        System.out.println(table(results).text() + "\n" + context);
        Files.createDirectories(options.resultsFile().getParent());
        Files.writeString(options.resultsFile(), "# kafka-ha operator footprint benchmark results\n\n"
                + table(results).markdown() + "\n" + context.replace("\n", "\n\n") + "\n");
        System.out.println("Report written to " + options.resultsFile());
        return results.size() == options.rounds() * options.clusterCounts().size() * 2 ? 0 : 1;
    }

    private static Table table(List<FootprintResult> results) {
        Table table = new Table("clusters", "launch", "RSS MiB", "peak RSS MiB", "heap used / committed / max MiB",
                "metaspace MiB", "threads", "CPU s", "start s", "create→Ready s median / max",
                "no-op reconcile ms median / max", "requests per no-op (writes)", "idle requests (writes)");
        FootprintResult previous = null;
        for (FootprintResult r : results) {
            JvmFootprint jvm = r.jvm();
            table.row(Integer.toString(r.clusters()), r.launch().label(), Stats.fixed(jvm.rssMiB(), 0),
                    Stats.fixed(jvm.peakRssMiB(), 0),
                    Stats.fixed(jvm.heapUsedMiB(), 0) + " / " + Stats.fixed(jvm.heapCommittedMiB(), 0) + " / "
                            + Stats.fixed(jvm.maxHeapMiB(), 0),
                    Stats.fixed(jvm.metaspaceMiB(), 0), Integer.toString(jvm.threads()),
                    Stats.fixed(r.cpuSeconds(), 1), Stats.fixed(r.startSeconds(), 1),
                    Stats.fixed(Stats.median(r.createToReadySeconds()), 2) + " / "
                            + Stats.fixed(max(r.createToReadySeconds()), 2),
                    Stats.fixed(Stats.median(r.noOpReconcileMillis()), 0) + " / "
                            + Stats.fixed(max(r.noOpReconcileMillis()), 0),
                    Stats.fixed(Stats.median(ints(r.requestsPerNoOp())), 0) + " ("
                            + r.writesPerNoOp().stream().mapToInt(Integer::intValue).sum() + " in all)",
                    r.idleRequests() + " in " + r.idleSeconds() + " s (" + r.idleWrites() + ")");
            if (previous != null && previous.clusters() == r.clusters() && previous.launch() != r.launch()) {
                FootprintResult launcher = r.launch() == OperatorProcess.Launch.LAUNCHER ? r : previous;
                FootprintResult plain = launcher == r ? previous : r;
                table.row(Integer.toString(r.clusters()), "ratio launcher / no flags",
                        ratio(launcher.jvm().rssMiB(), plain.jvm().rssMiB()),
                        ratio(launcher.jvm().peakRssMiB(), plain.jvm().peakRssMiB()),
                        ratio(launcher.jvm().heapUsedMiB(), plain.jvm().heapUsedMiB()) + " / "
                                + ratio(launcher.jvm().heapCommittedMiB(), plain.jvm().heapCommittedMiB()) + " / "
                                + ratio(launcher.jvm().maxHeapMiB(), plain.jvm().maxHeapMiB()),
                        ratio(launcher.jvm().metaspaceMiB(), plain.jvm().metaspaceMiB()),
                        ratio(launcher.jvm().threads(), plain.jvm().threads()),
                        ratio(launcher.cpuSeconds(), plain.cpuSeconds()),
                        ratio(launcher.startSeconds(), plain.startSeconds()),
                        Stats.fixed(Stats.ratio(Stats.median(launcher.createToReadySeconds()),
                                Stats.median(plain.createToReadySeconds())), 2),
                        Stats.fixed(Stats.ratio(Stats.median(launcher.noOpReconcileMillis()),
                                Stats.median(plain.noOpReconcileMillis())), 2),
                        "", "");
                previous = null;
            } else {
                previous = r;
            }
        }
        return table;
    }

    private static String ratio(double numerator, double denominator) {
        return Stats.fixed(Stats.ratio(OptionalDouble.of(numerator), OptionalDouble.of(denominator)), 2);
    }

    private static OptionalDouble max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max();
    }

    private static List<Double> ints(List<Integer> values) {
        return values.stream().map(Integer::doubleValue).toList();
    }
}
