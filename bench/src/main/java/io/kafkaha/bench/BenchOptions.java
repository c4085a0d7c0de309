package io.kafkaha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run does. Every option has a default that keeps a run of both benchmarks, three rounds,
 * within a few minutes on a 2-core machine.
 *
 * @param rounds           rounds; each runs kafka-ha and the baseline once, the order alternating per round
 * @param records          records per measured produce run
 * @param warmupRecords    records sent before the measured run on the same producer (JIT, connections, batches)
 * @param valueBytes       bytes per record value
 * @param partitions       partitions of the benchmark topic (replication factor 3 on both clusters)
 * @param retries          how often a variant whose cluster fails to start is tried again in the same round
 * @param kafkaHaJar       the kafka-ha CLI jar
 * @param kafkaHome        the Kafka installation both clusters run (bin/, libs/, config/)
 * @param workDir          scratch space: cluster data (deleted after each run) and node logs (kept)
 * @param resultsFile      where the Markdown report goes
 * @param haPortBase       kafka-ha's --port-base
 * @param baselinePortBase the baseline's broker n listens on base+n, controller n on base+200+n
 * @param startTimeout     how long a cluster may take to become healthy
 * @param roll             run the roll benchmark instead of the startup and produce benchmarks
 * @param rollRate         records/s of the verified traffic during the roll benchmark
 * @param rollTail         how long the traffic goes on after the roll
 * @param footprint        run the operator footprint benchmark instead
 * @param clusterCounts    footprint benchmark: how many KafkaClusters the operator manages, one run per count
 * @param idle             footprint benchmark: the idle period whose API requests and writes are counted
 * @param launcher         footprint benchmark: the kafka-ha launcher script (image/kafka-ha)
 * @param crd              footprint benchmark: the KafkaCluster CRD the mock API server gets
 * @param soak             run the soak benchmark instead
 * @param soakDuration     how long the soak runs
 * @param soakRate         records/s of the verified traffic during the soak
 * @param cpuThreads       busy-loop threads during the soak
 * @param empty            run the broker-emptying benchmark instead
 * @param emptyMib         emptying benchmark: MiB of partition data the leaving broker holds
 * @param throttleMib      emptying benchmark: the replication throttle, MiB/s
 */
record BenchOptions(int rounds, int records, int warmupRecords, int valueBytes, int partitions, int retries,
                    Path kafkaHaJar, Path kafkaHome, Path workDir, Path resultsFile, int haPortBase,
                    int baselinePortBase, Duration startTimeout, boolean roll, int rollRate,
                    Duration rollTail, boolean footprint, List<Integer> clusterCounts, Duration idle, Path launcher,
                    Path crd, boolean soak, Duration soakDuration, int soakRate, int cpuThreads, boolean empty,
                    int emptyMib, int throttleMib) {

    static final String USAGE = String.join("\n",
            "usage: bench/run.sh [--no-build] [options]",
            "  --bench NAME          'start-produce' (default): startup and produce throughput against plain Kafka;",
            "                        'roll': a 3+3 rolling restart under verified traffic, kafka-ha's against naive;",
            "                        'footprint': the operator's memory, threads and API use against a mock API server;",
            "                        'soak': a 3+3 cluster under verified traffic and CPU pressure, counting false fencings;",
            "                        'empty': a 3+3 cluster gets a 4th broker holding data, then 'local scale' empties it",
            "  --no-build            (first argument, read by run.sh) run the jars as they are, without building",
            "  --rounds N            rounds, each runs kafka-ha and the baseline, order alternating (default 3)",
            "  --records N           records per measured produce run (default 100000)",
            "  --warmup-records N    records sent first, not measured (default 10000)",
            "  --value-bytes N       bytes per record value (default 1024)",
            "  --partitions N        partitions of the benchmark topic, RF 3 (default 6)",
            "  --retries N           retries of a cluster that fails to start, per round and variant (default 2)",
            "  --kafka-ha-jar PATH   kafka-ha CLI jar (default cli/target/kafka-ha.jar)",
            "  --kafka-home PATH     Kafka installation for both clusters (default kafka-home/target/kafka)",
            "  --work-dir PATH       scratch space (default bench/target/work)",
            "  --results PATH        Markdown report (default bench/target/results.md)",
            "  --ha-port-base P      kafka-ha ports P..P+202 (default 41092)",
            "  --baseline-port-base P  baseline ports P..P+202 (default 44092)",
            "  --start-timeout S     seconds a cluster may take to become healthy (default 180)",
            "  --roll-rate R         roll benchmark: records/s of the verified traffic (default 200)",
            "  --roll-tail S         roll benchmark: seconds of traffic after the roll (default 10)",
            "  --clusters N,M        footprint benchmark: KafkaClusters per run (default 1,20)",
            "  --idle S              footprint benchmark: seconds of the idle period (default 30)",
            "  --launcher PATH       footprint benchmark: the kafka-ha launcher (default image/kafka-ha)",
            "  --crd PATH            footprint benchmark: the KafkaCluster CRD (default charts/kafka-ha/crds/...)",
            "  --soak-minutes M      soak benchmark: how long it runs (default 30)",
            "  --soak-rate R         soak benchmark: records/s of the verified traffic (default 1000)",
            "  --cpu-threads N       soak benchmark: busy-loop threads (default: the number of CPUs)",
            "  --empty-mib N         emptying benchmark: MiB of data on the broker that leaves (default 1024)",
            "  --throttle-mib N      emptying benchmark: replication throttle in MiB/s (default 20)");

    static BenchOptions parse(String[] args) {
        int rounds = 3;
        int records = 100_000;
        int warmup = 10_000;
        int valueBytes = 1024;
        int partitions = 6;
        int retries = 2;
        Path jar = Path.of("cli/target/kafka-ha.jar");
        Path kafkaHome = Path.of("kafka-home/target/kafka");
        Path workDir = Path.of("bench/target/work");
        Path results = Path.of("bench/target/results.md");
        int haPort = 41092;
        int baselinePort = 44092;
        int timeout = 180;
        boolean roll = false;
        int rollRate = 200;
        int rollTail = 10;
        boolean footprint = false;
        List<Integer> clusterCounts = List.of(1, 20);
        int idle = 30;
        Path launcher = Path.of("image/kafka-ha");
        Path crd = Path.of("charts/kafka-ha/crds/kafkaclusters.kafkaha.io-v1.yml");
        boolean soak = false;
        int soakMinutes = 30;
        int soakRate = 1000;
        int cpuThreads = Runtime.getRuntime().availableProcessors();
        boolean empty = false;
        int emptyMib = 1024;
        int throttleMib = 20;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(null);
            }
            if (rest.isEmpty()) {
                throw new UsageException(option + " needs a value");
            }
            String value = rest.remove(0);
            switch (option) {
                case "--rounds" -> rounds = positive(option, value);
                case "--records" -> records = positive(option, value);
                case "--warmup-records" -> warmup = atLeastZero(option, value);
                case "--value-bytes" -> valueBytes = positive(option, value);
                case "--partitions" -> partitions = positive(option, value);
                case "--retries" -> retries = atLeastZero(option, value);
                case "--kafka-ha-jar" -> jar = Path.of(value);
                case "--kafka-home" -> kafkaHome = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--ha-port-base" -> haPort = positive(option, value);
                case "--baseline-port-base" -> baselinePort = positive(option, value);
                case "--start-timeout" -> timeout = positive(option, value);
                case "--bench" -> {
                    if (!List.of("start-produce", "roll", "footprint", "soak", "empty").contains(value)) {
                        throw new UsageException("--bench takes 'start-produce', 'roll', 'footprint', 'soak' or"
                                + " 'empty', not '" + value + "'");
                    }
                    roll = value.equals("roll");
                    footprint = value.equals("footprint");
                    soak = value.equals("soak");
                    empty = value.equals("empty");
                }
                case "--clusters" -> {
                    clusterCounts = new ArrayList<>();
                    for (String count : value.split(",")) {
                        clusterCounts.add(positive(option, count.strip()));
                    }
                }
                case "--idle" -> idle = positive(option, value);
                case "--launcher" -> launcher = Path.of(value);
                case "--crd" -> crd = Path.of(value);
                case "--soak-minutes" -> soakMinutes = positive(option, value);
                case "--soak-rate" -> soakRate = positive(option, value);
                case "--cpu-threads" -> cpuThreads = atLeastZero(option, value);
                case "--empty-mib" -> emptyMib = positive(option, value);
                case "--throttle-mib" -> throttleMib = positive(option, value);
                case "--roll-rate" -> rollRate = positive(option, value);
                case "--roll-tail" -> rollTail = atLeastZero(option, value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (Math.abs(haPort - baselinePort) < 500) {
            throw new UsageException("--ha-port-base and --baseline-port-base must be at least 500 apart;"
                    + " each cluster uses its base .. base+202, and a base with a port in use moves up");
        }
        return new BenchOptions(rounds, records, warmup, valueBytes, partitions, retries,
                jar.toAbsolutePath().normalize(), kafkaHome.toAbsolutePath().normalize(),
                workDir.toAbsolutePath().normalize(), results.toAbsolutePath().normalize(), haPort, baselinePort,
                Duration.ofSeconds(timeout), roll, rollRate, Duration.ofSeconds(rollTail), footprint,
                List.copyOf(clusterCounts), Duration.ofSeconds(idle), launcher.toAbsolutePath().normalize(),
                crd.toAbsolutePath().normalize(), soak, Duration.ofMinutes(soakMinutes), soakRate, cpuThreads, empty,
                emptyMib, throttleMib);
    }

    private static int positive(String option, String value) {
        int number = atLeastZero(option, value);
        if (number == 0) {
            throw new UsageException(option + " must be at least 1");
        }
        return number;
    }

    private static int atLeastZero(String option, String value) {
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number < 0) {
                throw new UsageException(option + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, not '" + value + "'");
        }
    }

    /** A bad command line; the message (if any) and the usage go to the user. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
