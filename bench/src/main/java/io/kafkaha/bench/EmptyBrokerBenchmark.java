package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scale-down cost (issue 11): a 3+3 kafka-ha local cluster gets a fourth broker ({@code local scale --brokers 4
 * --no-rebalance}), which is then given {@code --empty-mib} MiB of partition data (a topic whose every partition
 * has a replica on it). {@code local scale --brokers 3 --throttle T} then moves it all off, under kafka-ha's
 * verifier. Reported against two baselines measured in the same run: the time against the physical floor, the
 * bytes on the leaving broker ÷ the throttle (every byte leaves that broker, through its throttled replication); and
 * the produce stall during the move against the stall of the same traffic on the same cluster just before it.
 */
final class EmptyBrokerBenchmark {
    private static final String DATA_TOPIC = "bench-empty";
    private static final String VERIFY_TOPIC = "bench-empty-verify";
    private static final int LEAVING_BROKER = 3;
    private static final int DATA_PARTITIONS = 8;
    private static final int VALUE_BYTES = 64 * 1024;
    private static final int RATE = 200;
    private static final Duration BASELINE_TRAFFIC = Duration.ofSeconds(30);
    private static final long MIB = 1024 * 1024;

    private final BenchOptions options;
    private volatile KafkaHaCluster open;

    EmptyBrokerBenchmark(BenchOptions options) {
        this.options = options;
    }

    int run() throws Exception {
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeOpen, "bench-cleanup"));
        Path dir = options.workDir().resolve("empty");
        int portBase = PortBase.firstFree(options.haPortBase(), 1);
        KafkaHaCluster cluster = new KafkaHaCluster(options.kafkaHaJar(), options.kafkaHome(),
                dir.resolve("kafka-ha-home"), dir, portBase, options.startTimeout());
        open = cluster;
        Outcome outcome;
        try {
            progress("empty: starting 3 controllers + 3 brokers on ports " + portBase + "+ ...");
            cluster.start();
            outcome = measure(cluster, dir);
        } finally {
            cluster.close();
            open = null;
        }
        List<ProcessHandle> leftovers = Machine.kafkaProcessesUnder(options.workDir());
        ProcessStopper.kill(leftovers);
        String text = render(outcome, started, loadAtStart, portBase);
        System.out.println(text);
        Files.createDirectories(options.resultsFile().getParent());
        Files.writeString(options.resultsFile(), "# kafka-ha broker-emptying benchmark results\n\n" + text);
        System.out.println("Written to " + options.resultsFile());
        return outcome.during().passedStrictly() && outcome.baseline().passedStrictly() && leftovers.isEmpty()
                ? 0 : 1;
    }

    private Outcome measure(KafkaHaCluster cluster, Path dir) throws Exception {
        String bootstrap = cluster.bootstrapServers();
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
            // The verifier's topic lives on brokers 0-2 only, so the bytes moved are the data topic's.
            admin.createTopics(List.of(new NewTopic(VERIFY_TOPIC, 6, (short) 3))).all().get();
            local(cluster, dir.resolve("scale-up.log"), "scale", "--name", KafkaHaCluster.NAME, "--brokers", "4",
                    "--no-rebalance");
            createDataTopic(admin);
            progress("empty: writing " + options.emptyMib() + " MiB to " + DATA_TOPIC + " (a replica of every"
                    + " partition on broker " + LEAVING_BROKER + ") ...");
            fill(bootstrap, options.emptyMib());
            long bytes = bytesOn(admin, LEAVING_BROKER);

            progress("empty: baseline: " + BASELINE_TRAFFIC.toSeconds() + " s of verified traffic, nothing moving");
            VerificationReport baseline = Verifier.run(new VerifierSettings(bootstrap, VERIFY_TOPIC,
                    BASELINE_TRAFFIC, RATE, VerifierSettings.DEFAULT_DRAIN_TIMEOUT));

            progress("empty: moving " + bytes / MIB + " MiB off broker " + LEAVING_BROKER + " at "
                    + options.throttleMib() + " MiB/s ...");
            VerificationReport during;
            Duration took;
            try (VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, VERIFY_TOPIC,
                    Duration.ofHours(2), RATE, VerifierSettings.DEFAULT_DRAIN_TIMEOUT))) {
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (traffic.acknowledged() < 500 && !traffic.isDone() && System.nanoTime() < wait) {
                    Thread.sleep(200);
                }
                long start = System.nanoTime();
                local(cluster, dir.resolve("scale-down.log"), "scale", "--name", KafkaHaCluster.NAME, "--brokers",
                        "3", "--throttle", options.throttleMib() + "M");
                took = Duration.ofNanos(System.nanoTime() - start);
                traffic.stopProducing();
                during = traffic.awaitReport();
            }
            return new Outcome(bytes, took, baseline, during);
        }
    }

    /** Every partition's first replica on the broker that will leave; the others spread over brokers 0-2. */
    private static void createDataTopic(Admin admin) throws Exception {
        Map<Integer, List<Integer>> assignment = new HashMap<>();
        for (int partition = 0; partition < DATA_PARTITIONS; partition++) {
            assignment.put(partition, List.of(LEAVING_BROKER, partition % 3, (partition + 1) % 3));
        }
        admin.createTopics(List.of(new NewTopic(DATA_TOPIC, assignment))).all().get();
    }

    private static void fill(String bootstrap, int mib) throws Exception {
        Map<String, Object> config = new HashMap<>(ClientSettings.durableProducer(bootstrap));
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        byte[] value = new byte[VALUE_BYTES];
        new Random(42).nextBytes(value); // incompressible, as most payloads are once compressed
        long records = mib * MIB / VALUE_BYTES;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(DATA_TOPIC, (int) (i % DATA_PARTITIONS), null, value));
            }
            producer.flush();
        }
    }

    /** Bytes of partition data in the broker's log directories. */
    private static long bytesOn(Admin admin, int broker) throws Exception {
        return admin.describeLogDirs(List.of(broker)).allDescriptions().get().get(broker).values().stream()
                .flatMap(logDir -> logDir.replicaInfos().values().stream()).mapToLong(ReplicaInfo::size).sum();
    }

    private static void local(KafkaHaCluster cluster, Path log, String... args) throws Exception {
        Process process = cluster.cli(log, args);
        if (!process.waitFor(3, TimeUnit.HOURS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("'kafka-ha local " + String.join(" ", args) + "' failed:\n"
                    + ProcessStopper.tail(log, 20));
        }
    }

    private String render(Outcome outcome, Instant started, String loadAtStart, int portBase) {
        double floor = (double) outcome.bytes() / (options.throttleMib() * MIB);
        double took = outcome.took().toMillis() / 1000.0;
        Table table = new Table("MiB on broker 3", "throttle MiB/s", "floor s (bytes ÷ throttle)", "took s",
                "took / floor", "max stall s: before / during", "p99 ms: before / during",
                "acked during", "lost", "duplicates", "order violations", "failed sends");
        VerificationReport before = outcome.baseline();
        VerificationReport during = outcome.during();
        table.row(String.valueOf(outcome.bytes() / MIB), String.valueOf(options.throttleMib()),
                Stats.fixed(floor, 1), Stats.fixed(took, 1), Stats.fixed(took / floor, 2),
                Stats.fixed(before.maxStall().toMillis() / 1000.0, 2) + " / "
                        + Stats.fixed(during.maxStall().toMillis() / 1000.0, 2),
                before.latencyP99().toMillis() + " / " + during.latencyP99().toMillis(),
                String.valueOf(during.acknowledged()), String.valueOf(during.lost()),
                String.valueOf(during.duplicates()), String.valueOf(during.orderViolations()),
                String.valueOf(during.failedSends()));
        return table.markdown() + "\n\nRun " + started + ", took " + Duration.between(started, Instant.now())
                .toMinutes() + " min; load average " + loadAtStart + " at start, " + Machine.loadAverage()
                + " at end. Ports " + portBase + "+; verified traffic " + RATE + " records/s; "
                + DATA_PARTITIONS + " data partitions of " + VALUE_BYTES / 1024 + " KiB records.\n"
                + "Logs: " + options.workDir().resolve("empty") + "\n";
    }

    private void closeOpen() {
        KafkaHaCluster cluster = open;
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void progress(String line) {
        System.out.println(line);
    }

    private record Outcome(long bytes, Duration took, VerificationReport baseline, VerificationReport during) {
    }
}
