package io.kafkaha.bench;

import io.kafkaha.bench.ProduceBenchmark.ProduceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The results: per round and median, each benchmark's kafka-ha figure, baseline figure and their ratio. The
 * headline ratio is the ratio of the medians; the median of the per-round ratios (each from two runs measured
 * back to back, so under nearly the same load) and their range are shown beside it.
 */
final class BenchReport {
    private final BenchOptions options;
    private final List<RoundResult> rounds;
    private final String context;

    /** @param context what the run ran on and under, one line per fact */
    BenchReport(BenchOptions options, List<RoundResult> rounds, String context) {
        this.options = options;
        this.rounds = rounds;
        this.context = context;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append("\n== 1. Cold start to healthy: ").append(BenchCluster.CONTROLLERS).append(" controllers + ")
                .append(BenchCluster.BROKERS).append(" brokers from empty directories (seconds, lower is better)\n\n")
                .append(startupTable().text()).append(startupSummary()).append('\n');
        text.append("\n== 2. Produce, acks=all, idempotent, RF 3, ").append(produceSetup())
                .append(" (higher rec/s is better)\n\n").append(produceTable().text()).append(produceSummary())
                .append('\n');
        failures().forEach(line -> text.append("\nfailed attempt: ").append(line));
        text.append('\n').append(context);
        return text.toString();
    }

    String markdown() {
        StringBuilder text = new StringBuilder("# kafka-ha benchmark results\n\n")
                .append(rounds.size()).append(" rounds; in each, kafka-ha and the baseline ran back to back on fresh")
                .append(" clusters, the order alternating per round. Ratios are kafka-ha / baseline.\n\n")
                .append("## 1. Cold start to healthy (seconds, lower is better)\n\n")
                .append(startupTable().markdown()).append('\n').append(startupSummary()).append("\n\n")
                .append("## 2. Produce, acks=all, idempotent, RF 3, ").append(produceSetup())
                .append(" (higher records/s is better)\n\n")
                .append(produceTable().markdown()).append('\n').append(produceSummary()).append("\n");
        List<String> failures = failures();
        if (!failures.isEmpty()) {
            text.append("\n## Failed attempts\n\n");
            failures.forEach(line -> text.append("- ").append(line).append('\n'));
        }
        text.append("\n## Run\n\n");
        context.lines().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.toString();
    }

    private String produceSetup() {
        return options.partitions() + " partitions, " + String.format("%,d", options.records()) + " × "
                + options.valueBytes() + " B values after " + String.format("%,d", options.warmupRecords())
                + " warm-up records";
    }

    private Table startupTable() {
        Table table = new Table("round", "order", "kafka-ha s", "baseline s", "kafka-ha/baseline",
                "kafka-ha CPU s", "baseline CPU s", "CPU kafka-ha/baseline");
        for (RoundResult round : rounds) {
            OptionalDouble ha = startup(round, Variant.KAFKA_HA, Startup::wallSeconds);
            OptionalDouble base = startup(round, Variant.BASELINE, Startup::wallSeconds);
            OptionalDouble haCpu = startupCpu(round, Variant.KAFKA_HA);
            OptionalDouble baseCpu = startupCpu(round, Variant.BASELINE);
            table.row(String.valueOf(round.number()), round.orderLabel(), Stats.fixed(ha, 1), Stats.fixed(base, 1),
                    Stats.fixed(Stats.ratio(ha, base), 2), Stats.fixed(haCpu, 1), Stats.fixed(baseCpu, 1),
                    Stats.fixed(Stats.ratio(haCpu, baseCpu), 2));
        }
        OptionalDouble ha = medianStartup(Variant.KAFKA_HA, Startup::wallSeconds);
        OptionalDouble base = medianStartup(Variant.BASELINE, Startup::wallSeconds);
        OptionalDouble haCpu = medianStartupCpu(Variant.KAFKA_HA);
        OptionalDouble baseCpu = medianStartupCpu(Variant.BASELINE);
        return table.row("median", "", Stats.fixed(ha, 1), Stats.fixed(base, 1),
                Stats.fixed(Stats.ratio(ha, base), 2), Stats.fixed(haCpu, 1), Stats.fixed(baseCpu, 1),
                Stats.fixed(Stats.ratio(haCpu, baseCpu), 2));
    }

    private String startupSummary() {
        return pairedRatios("cold start", round -> startup(round, Variant.KAFKA_HA, Startup::wallSeconds)
                .getAsDouble() / startup(round, Variant.BASELINE, Startup::wallSeconds).getAsDouble())
                + "\nCPU s: user + system time of the cluster's processes until healthy (format, Kafka, and for"
                + " kafka-ha its CLI), which other load on the machine hardly changes.";
    }

    private Table produceTable() {
        Table table = new Table("round", "order", "kafka-ha rec/s", "baseline rec/s", "kafka-ha/baseline",
                "kafka-ha MiB/s", "baseline MiB/s", "kafka-ha p50/p99 ms", "baseline p50/p99 ms");
        for (RoundResult round : rounds) {
            OptionalDouble ha = produce(round, Variant.KAFKA_HA, ProduceResult::recordsPerSecond);
            OptionalDouble base = produce(round, Variant.BASELINE, ProduceResult::recordsPerSecond);
            table.row(String.valueOf(round.number()), round.orderLabel(), Stats.whole(ha), Stats.whole(base),
                    Stats.fixed(Stats.ratio(ha, base), 2),
                    Stats.fixed(produce(round, Variant.KAFKA_HA, ProduceResult::mibPerSecond), 1),
                    Stats.fixed(produce(round, Variant.BASELINE, ProduceResult::mibPerSecond), 1),
                    latencies(produce(round, Variant.KAFKA_HA, ProduceResult::p50Millis),
                            produce(round, Variant.KAFKA_HA, ProduceResult::p99Millis)),
                    latencies(produce(round, Variant.BASELINE, ProduceResult::p50Millis),
                            produce(round, Variant.BASELINE, ProduceResult::p99Millis)));
        }
        OptionalDouble ha = medianProduce(Variant.KAFKA_HA, ProduceResult::recordsPerSecond);
        OptionalDouble base = medianProduce(Variant.BASELINE, ProduceResult::recordsPerSecond);
        return table.row("median", "", Stats.whole(ha), Stats.whole(base), Stats.fixed(Stats.ratio(ha, base), 2),
                Stats.fixed(medianProduce(Variant.KAFKA_HA, ProduceResult::mibPerSecond), 1),
                Stats.fixed(medianProduce(Variant.BASELINE, ProduceResult::mibPerSecond), 1),
                latencies(medianProduce(Variant.KAFKA_HA, ProduceResult::p50Millis),
                        medianProduce(Variant.KAFKA_HA, ProduceResult::p99Millis)),
                latencies(medianProduce(Variant.BASELINE, ProduceResult::p50Millis),
                        medianProduce(Variant.BASELINE, ProduceResult::p99Millis)));
    }

    private String produceSummary() {
        return pairedRatios("throughput", round -> produce(round, Variant.KAFKA_HA,
                ProduceResult::recordsPerSecond).getAsDouble()
                / produce(round, Variant.BASELINE, ProduceResult::recordsPerSecond).getAsDouble())
                + "\nTopic min.insync.replicas as the clusters set it: kafka-ha " + minIsr(Variant.KAFKA_HA)
                + ", baseline " + minIsr(Variant.BASELINE) + ".";
    }

    private String pairedRatios(String what, ToDoubleFunction<RoundResult> ratio) {
        List<Double> ratios = new ArrayList<>();
        rounds.stream().filter(RoundResult::complete).forEach(round -> ratios.add(ratio.applyAsDouble(round)));
        if (ratios.isEmpty()) {
            return "No round measured both sides; no " + what + " ratio.";
        }
        return "Ratio of medians above; median of the " + ratios.size() + " per-round " + what + " ratios: "
                + Stats.fixed(Stats.median(ratios), 2) + " (range " + Stats.fixed(ratios.stream()
                .mapToDouble(Double::doubleValue).min().getAsDouble(), 2) + " – " + Stats.fixed(ratios.stream()
                .mapToDouble(Double::doubleValue).max().getAsDouble(), 2) + ").";
    }

    private String minIsr(Variant variant) {
        List<String> values = rounds.stream().flatMap(round -> round.of(variant).stream())
                .map(measurement -> String.valueOf(measurement.produce().minInSyncReplicas())).distinct().toList();
        return values.isEmpty() ? "–" : String.join("/", values);
    }

    private static String latencies(OptionalDouble p50, OptionalDouble p99) {
        return p50.isPresent() ? Stats.fixed(p50, 0) + " / " + Stats.fixed(p99, 0) : "–";
    }

    private static OptionalDouble startup(RoundResult round, Variant variant, ToDoubleFunction<Startup> f) {
        return round.of(variant).map(measurement -> OptionalDouble.of(f.applyAsDouble(measurement.startup())))
                .orElse(OptionalDouble.empty());
    }

    private static OptionalDouble startupCpu(RoundResult round, Variant variant) {
        return round.of(variant).map(measurement -> measurement.startup().cpuSeconds())
                .orElse(OptionalDouble.empty());
    }

    private static OptionalDouble produce(RoundResult round, Variant variant, ToDoubleFunction<ProduceResult> f) {
        return round.of(variant).map(measurement -> OptionalDouble.of(f.applyAsDouble(measurement.produce())))
                .orElse(OptionalDouble.empty());
    }

    private OptionalDouble medianStartup(Variant variant, ToDoubleFunction<Startup> f) {
        return Stats.median(rounds.stream().flatMap(round -> round.of(variant).stream())
                .map(measurement -> f.applyAsDouble(measurement.startup())).toList());
    }

    private OptionalDouble medianStartupCpu(Variant variant) {
        return Stats.median(rounds.stream().flatMap(round -> round.of(variant).stream())
                .map(measurement -> measurement.startup().cpuSeconds())
                .filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList());
    }

    private OptionalDouble medianProduce(Variant variant, ToDoubleFunction<ProduceResult> f) {
        return Stats.median(rounds.stream().flatMap(round -> round.of(variant).stream())
                .map(measurement -> f.applyAsDouble(measurement.produce())).toList());
    }

    private List<String> failures() {
        return rounds.stream().flatMap(round -> round.failures().stream()).toList();
    }
}
