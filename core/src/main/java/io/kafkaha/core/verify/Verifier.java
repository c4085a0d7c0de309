package io.kafkaha.core.verify;

import io.kafkaha.core.kafka.ClientSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Proves a cluster keeps its promises under load: produces {@code acks=all}, idempotent records at a steady rate
 * while a consumer reads them back, and judges the run by the {@link DeliveryLedger}, never by counting messages.
 *
 * <p>One run, on a coordinator thread:
 * <ol>
 *   <li>the {@link VerifyingConsumer} starts on its own thread, positioned at the topic's current end offsets;</li>
 *   <li>the producer sends payload {@code (runId, 0), (runId, 1), ...} paced by the {@link Pacer} for the
 *       configured duration, keyed by sequence so records spread over all partitions; its callbacks only record
 *       into the ledger, so the producer's I/O thread is never held up;</li>
 *   <li>the producer is flushed and closed: every send is now acknowledged or failed;</li>
 *   <li>the run drains: it waits until the consumer saw every acknowledged payload, or the drain timeout;</li>
 *   <li>the consumer stops and the ledger's {@link VerificationReport} completes the run.</li>
 * </ol>
 * A broker killed mid-run costs a stall, not data: the producer retries to the new leader for up to
 * {@code delivery.timeout.ms} (two minutes), far longer than a failover takes, and the consumer re-fetches
 * from the new leader.
 */
public final class Verifier {
    /** Fail fast when the cluster cannot be reached, instead of blocking send() for the client's default minute. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(15);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_CHECK_INTERVAL = Duration.ofMillis(250);

    private final VerifierSettings settings;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final VerifyingConsumer consumer;
    private final Thread consumerThread;
    private final Thread coordinator;
    private final CompletableFuture<VerificationReport> report = new CompletableFuture<>();
    private volatile boolean producingStopRequested;
    private volatile boolean aborted;
    private volatile boolean flushing;
    private volatile KafkaProducer<byte[], byte[]> producer;

    private Verifier(VerifierSettings settings) {
        this.settings = settings;
        this.consumer = new VerifyingConsumer(settings.bootstrapServers(), settings.topic(), runId, ledger);
        this.consumerThread = new Thread(consumer, "kafka-ha-verify-consumer-" + runId);
        this.coordinator = new Thread(this::coordinate, "kafka-ha-verify-" + runId);
        consumerThread.setDaemon(true);
        coordinator.setDaemon(true);
    }

    /** Starts a run in the background; the caller may act on the cluster meanwhile, e.g. kill a broker. */
    public static VerificationRun start(VerifierSettings settings) {
        Verifier verifier = new Verifier(settings);
        verifier.coordinator.start();
        return new VerificationRun(verifier);
    }

    /** Runs to the end and returns the report. */
    public static VerificationReport run(VerifierSettings settings) throws InterruptedException {
        try (VerificationRun run = start(settings)) {
            return run.awaitReport();
        }
    }

    String runId() {
        return runId;
    }

    VerifierSettings settings() {
        return settings;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    CompletableFuture<VerificationReport> report() {
        return report;
    }

    void stopProducing() {
        producingStopRequested = true;
        LockSupport.unpark(coordinator);
    }

    /** Ends the run as fast as possible without a report, and waits until its threads and clients are gone. */
    void abort(Duration wait) {
        aborted = true;
        stopProducing();
        KafkaProducer<byte[], byte[]> current = producer;
        if (flushing && current != null) {
            current.close(Duration.ZERO); // fails the pending sends, which ends the flush
        }
        consumer.stop();
        try {
            coordinator.join(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void coordinate() {
        try {
            consumerThread.start();
            consumer.awaitPositioned();
            produce();
            if (!aborted) {
                drain();
            }
            stopConsumer();
            if (consumer.finished().isCompletedExceptionally()) {
                consumer.finished().join(); // throws the consumer's failure
            }
            if (aborted) {
                throw new IllegalStateException("the run was aborted");
            }
            report.complete(ledger.report());
        } catch (Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            report.completeExceptionally(cause instanceof VerifierException ? cause
                    : new VerifierException("verification against " + settings.bootstrapServers() + " failed: "
                            + cause.getMessage(), cause));
        } finally {
            stopConsumerQuietly();
        }
    }

    private void produce() {
        KafkaProducer<byte[], byte[]> kafkaProducer = new KafkaProducer<>(producerConfig());
        producer = kafkaProducer;
        try {
            // Fetch metadata first so the first send's latency is the cluster's, not the client's warm-up.
            kafkaProducer.partitionsFor(settings.topic());
            long start = System.nanoTime();
            long end = start + settings.duration().toNanos();
            ledger.producingStarted(start);
            Pacer pacer = new Pacer(settings.ratePerSecond(), start);
            for (long sequence = 0; !producingStopRequested; sequence++) {
                long due = pacer.nextDue(System.nanoTime());
                if (due >= end || !sleepUntil(due)) {
                    break;
                }
                send(kafkaProducer, sequence);
            }
            ledger.producingEnded(System.nanoTime());
            flushing = true; // set before reading aborted: abort() sets aborted before reading flushing
            if (!aborted) {
                kafkaProducer.flush(); // every send is now acknowledged or failed
            }
        } finally {
            flushing = false;
            producer = null;
            kafkaProducer.close(aborted ? Duration.ZERO : CLOSE_TIMEOUT);
        }
    }

    /** Parks instead of spinning; false when producing should stop. */
    private boolean sleepUntil(long dueNanos) {
        long remaining;
        while (!producingStopRequested && (remaining = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
        return !producingStopRequested;
    }

    private void send(KafkaProducer<byte[], byte[]> kafkaProducer, long sequence) {
        byte[] key = Long.toString(sequence).getBytes(StandardCharsets.UTF_8);
        byte[] value = new Payload(runId, sequence).encode();
        long sentAt = System.nanoTime();
        try {
            kafkaProducer.send(new ProducerRecord<>(settings.topic(), key, value), (metadata, error) -> {
                long ackedAt = System.nanoTime();
                if (error == null) {
                    ledger.acknowledged(sequence, metadata.partition(), metadata.offset(), ackedAt - sentAt, ackedAt);
                } else {
                    ledger.failed(sequence, error);
                }
            });
        } catch (KafkaException failure) {
            // Thrown rather than passed to the callback; the application was told all the same.
            ledger.failed(sequence, failure);
        } catch (IllegalStateException closed) {
            if (!aborted) {
                throw closed;
            }
        }
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (!aborted && !consumer.finished().isDone()) {
            long remaining = deadline - System.nanoTime();
            Duration wait = Duration.ofNanos(Math.max(0, Math.min(remaining, DRAIN_CHECK_INTERVAL.toNanos())));
            if (ledger.awaitAllAcknowledgedConsumed(wait) || remaining <= 0) {
                return;
            }
        }
    }

    private void stopConsumer() throws InterruptedException {
        consumer.stop();
        consumerThread.join(CLOSE_TIMEOUT.toMillis() * 3);
    }

    private void stopConsumerQuietly() {
        consumer.stop();
        try {
            if (consumerThread.isAlive()) {
                consumerThread.join(CLOSE_TIMEOUT.toMillis() * 3);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = ClientSettings.durableProducer(settings.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-verify-producer-" + runId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        return config;
    }
}
