package io.kafkaha.core.verify;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the topic while the run produces and records this run's payloads in the ledger. It assigns every
 * partition by hand and starts at the end offsets from before the first send: no consumer group, so no rebalance
 * can pause it, and nothing of earlier runs needs reading. Owns its {@link KafkaConsumer}, which is confined to
 * the thread running {@link #run()}; other threads only call {@link #stop()}.
 */
final class VerifyingConsumer implements Runnable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration METADATA_RETRY = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final String runId;
    private final DeliveryLedger ledger;
    private final CompletableFuture<Integer> positioned = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    VerifyingConsumer(String bootstrapServers, String topic, String runId, DeliveryLedger ledger) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.runId = runId;
        this.ledger = ledger;
    }

    /** Waits until the consumer is positioned at the run's start offsets; returns the number of partitions. */
    int awaitPositioned() throws InterruptedException {
        try {
            return positioned.get(3 * SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new VerifierException("the consumer could not start on topic '" + topic + "': "
                    + failed.getCause().getMessage(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new VerifierException("the consumer could not start on topic '" + topic + "' within "
                    + 3 * SETUP_TIMEOUT.toSeconds() + "s", slow);
        }
    }

    /** Completes when the consumer thread ends, exceptionally if the consumer failed. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup(); // the one thread-safe KafkaConsumer call: ends a poll in progress
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(config())) {
            consumer = kafkaConsumer;
            position(kafkaConsumer);
            while (!stopping) {
                poll(kafkaConsumer);
            }
            finished.complete(null);
        } catch (WakeupException stopped) {
            positioned.completeExceptionally(new IllegalStateException("stopped before it was positioned"));
            finished.complete(null);
        } catch (RuntimeException failure) {
            positioned.completeExceptionally(failure);
            finished.completeExceptionally(failure);
        } finally {
            consumer = null;
        }
    }

    private void position(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        List<TopicPartition> partitions = partitions(kafkaConsumer);
        kafkaConsumer.assign(partitions);
        Map<TopicPartition, Long> startOffsets = kafkaConsumer.endOffsets(partitions, SETUP_TIMEOUT);
        startOffsets.forEach(kafkaConsumer::seek);
        positioned.complete(partitions.size());
    }

    /** A topic created just before the run may take a moment to appear in the brokers' metadata. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (true) {
            List<TopicPartition> partitions = kafkaConsumer.partitionsFor(topic, SETUP_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (stopping || System.nanoTime() > deadline) {
                throw new IllegalStateException("topic '" + topic + "' does not exist; create it first");
            }
            LockSupport.parkNanos(METADATA_RETRY.toNanos());
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        try {
            for (ConsumerRecord<byte[], byte[]> record : kafkaConsumer.poll(POLL_TIMEOUT)) {
                Payload.decode(record.value())
                        .filter(payload -> payload.runId().equals(runId))
                        .ifPresent(payload -> ledger.consumed(record.partition(), record.offset(), payload.sequence()));
            }
        } catch (WakeupException woken) {
            if (!stopping) {
                throw woken;
            }
        } catch (RetriableException transientFailure) {
            // A broker going away surfaces here at most briefly; the next poll retries against the new leader.
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-verify-consumer-" + runId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only reached if a partition's log was truncated below our position: re-read rather than skip.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A missing topic is an error to report, not something to create with whatever the broker defaults are.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) SETUP_TIMEOUT.toMillis());
        return config;
    }
}
