package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClientSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produce throughput with kafka-ha's durable producer ({@link ClientSettings#durableProducer}: acks=all,
 * idempotent) into a new topic with replication factor 3, as fast as the producer goes. The topic is created
 * with explicit partitions and replication factor and otherwise the cluster's defaults, so it gets kafka-ha's
 * {@code min.insync.replicas=2} on one side and Kafka's default 1 on the other.
 *
 * <p>Send latency is from {@code send()} to the acknowledgement callback. The producer is saturated, so it is
 * dominated by time spent queued in the producer's buffer: a measure of the backlog, not of an idle round trip.
 */
final class ProduceBenchmark {
    static final String TOPIC = "bench-produce";
    private static final short REPLICATION_FACTOR = 3;
    private static final int PAYLOADS = 16;
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final int records;
    private final int warmupRecords;
    private final int valueBytes;
    private final int partitions;
    private final byte[][] payloads;

    ProduceBenchmark(int records, int warmupRecords, int valueBytes, int partitions) {
        this.records = records;
        this.warmupRecords = warmupRecords;
        this.valueBytes = valueBytes;
        this.partitions = partitions;
        Random random = new Random(42); // incompressible, and the same bytes on both sides
        this.payloads = new byte[PAYLOADS][valueBytes];
        for (byte[] payload : payloads) {
            random.nextBytes(payload);
        }
    }

    ProduceResult run(String bootstrapServers) throws Exception {
        int minIsr = createTopic(bootstrapServers);
        Map<String, Object> config = ClientSettings.durableProducer(bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-ha-bench");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            send(producer, warmupRecords, null);
            long[] latencies = new long[records];
            long started = System.nanoTime();
            send(producer, records, latencies);
            long elapsed = System.nanoTime() - started;
            Arrays.sort(latencies);
            double seconds = elapsed / 1e9;
            return new ProduceResult(records, seconds, records / seconds,
                    (double) records * valueBytes / seconds / (1024 * 1024),
                    percentileMillis(latencies, 0.50), percentileMillis(latencies, 0.99), minIsr);
        }
    }

    /** Sends {@code count} records and waits for every acknowledgement; any failed send fails the run. */
    private void send(KafkaProducer<byte[], byte[]> producer, int count, long[] latencies) {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(TOPIC, payloads[i % PAYLOADS]), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error);
                } else if (latencies != null) {
                    latencies[index] = System.nanoTime() - sent;
                }
            });
        }
        producer.flush(); // returns once every callback above has run
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " sends failed, first: "
                    + firstError.get(), firstError.get());
        }
    }

    /** Creates the topic and waits until every partition has a leader and all 3 replicas in sync. */
    private int createTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, REPLICATION_FACTOR))).all().get();
            long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
            while (!fullyInSync(admin)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + TOPIC + " has partitions without a leader or"
                            + " with fewer than 3 in-sync replicas after " + TOPIC_READY_TIMEOUT.toSeconds() + "s");
                }
                Thread.sleep(200);
            }
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String minIsr = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
            return Integer.parseInt(minIsr);
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

    private static double percentileMillis(long[] sortedNanos, double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    /**
     * One measured run.
     *
     * @param minInSyncReplicas the topic's effective {@code min.insync.replicas}, as the cluster reports it
     */
    record ProduceResult(int records, double seconds, double recordsPerSecond, double mibPerSecond,
                         double p50Millis, double p99Millis, int minInSyncReplicas) {
    }
}
