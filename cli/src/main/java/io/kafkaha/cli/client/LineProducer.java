package io.kafkaha.cli.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends one record per input line and counts what Kafka acknowledged and what failed. Sends are asynchronous,
 * so a piped file goes at full speed and a typed line leaves at once; {@link #finish()} waits for the outcome
 * of every send. The first failure is reported as soon as it happens, so someone typing sees it.
 * <p>
 * Kafka's producer retries a write the cluster refuses for now (too few replicas in sync, no leader) silently
 * until its delivery timeout, two minutes, and then reports only a timeout. So the time the oldest waiting send
 * has made no progress is exposed ({@link #stalledFor()}), and {@link #abort(String)} fails every waiting send at
 * once with the reason found (see {@link StallWatch}).
 */
public final class LineProducer {
    private final Producer<String, String> producer;
    private final String topic;
    private final String keySeparator;
    private final KafkaErrors errors;
    private final PrintWriter err;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final CompletableFuture<String> aborted = new CompletableFuture<>();
    private final LongSupplier nanoTime;
    private volatile long progressAt;
    private long lineNumber;

    /** @param keySeparator splits each line into key and value; null sends whole lines as values without key */
    public LineProducer(Producer<String, String> producer, String topic, String keySeparator, KafkaErrors errors,
                        PrintWriter err) {
        this(producer, topic, keySeparator, errors, err, System::nanoTime);
    }

    LineProducer(Producer<String, String> producer, String topic, String keySeparator, KafkaErrors errors,
                 PrintWriter err, LongSupplier nanoTime) {
        this.producer = producer;
        this.topic = topic;
        this.keySeparator = keySeparator;
        this.errors = errors;
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** Sends every line until input ends or the sends are aborted. */
    public void sendAll(BufferedReader lines) throws IOException {
        String line;
        while (abortReason.get() == null && (line = lines.readLine()) != null) {
            send(line);
        }
    }

    public void send(String line) {
        lineNumber++;
        Optional<KeyedLine> record = keySeparator == null
                ? Optional.of(KeyedLine.unkeyed(line)) : KeyedLine.split(line, keySeparator);
        if (record.isEmpty()) {
            // Sending it without a key would put it on an arbitrary partition, out of order with its key's records.
            skipped.incrementAndGet();
            err.println("kafka-ha: line " + lineNumber + " has no key separator '" + keySeparator
                    + "', not sent: write KEY" + keySeparator + "VALUE");
            err.flush();
            return;
        }
        if (abortReason.get() != null) {
            failed.incrementAndGet();
            return;
        }
        if (pending.getAndIncrement() == 0) {
            progressAt = nanoTime.getAsLong();
        }
        try {
            producer.send(new ProducerRecord<>(topic, record.get().key(), record.get().value()), this::completed);
        } catch (KafkaException | IllegalStateException e) {
            // IllegalStateException: aborted (the producer closed) since the check above.
            completed(null, e);
        }
    }

    /** How long sends have been waiting without any of them completing; zero when none waits. */
    public Duration stalledFor() {
        return pending.get() == 0 ? Duration.ZERO : Duration.ofNanos(nanoTime.getAsLong() - progressAt);
    }

    /**
     * Fails every waiting send now, and every later line, because Kafka refuses them for {@code reason};
     * once only. Closing the producer without waiting is the one way to end its retries.
     */
    public void abort(String reason) {
        if (!abortReason.compareAndSet(null, reason)) {
            return;
        }
        firstError.compareAndSet(null, reason);
        err.println("kafka-ha: send failed: " + reason + "; no further lines are sent");
        err.flush();
        try {
            // Returns once the producer has failed what it held, through the callbacks: the counts are final.
            producer.close(Duration.ZERO);
        } finally {
            aborted.complete(reason);
        }
    }

    /** Completes with the reason once the sends were aborted and every waiting one has failed. */
    public CompletableFuture<String> aborted() {
        return aborted;
    }

    /** Waits until every send is acknowledged or has failed, and says how it went. */
    public ProduceSummary finish() {
        if (abortReason.get() == null) {
            producer.flush();
        } else {
            // Being aborted: closing the producer fails what it held, then the counts are final.
            aborted.join();
        }
        return summary();
    }

    public ProduceSummary summary() {
        return new ProduceSummary(acknowledged.get(), failed.get(), skipped.get(), firstError.get());
    }

    private void completed(RecordMetadata metadata, Exception error) {
        pending.decrementAndGet();
        progressAt = nanoTime.getAsLong();
        if (error == null) {
            acknowledged.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        if (abortReason.get() != null) {
            return;
        }
        String described = errors.describeSendFailure(error, topic);
        if (firstError.compareAndSet(null, described)) {
            err.println("kafka-ha: send failed: " + described);
            err.flush();
        }
    }
}
