package io.kafkaha.cli.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends one record per input line and counts what Kafka acknowledged and what failed. Sends are asynchronous,
 * so a piped file goes at full speed and a typed line leaves at once; {@link #finish()} waits for the outcome
 * of every send. The first failure is reported as soon as it happens, so someone typing sees it.
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
    private long lineNumber;

    /** @param keySeparator splits each line into key and value; null sends whole lines as values without key */
    public LineProducer(Producer<String, String> producer, String topic, String keySeparator, KafkaErrors errors,
                        PrintWriter err) {
        this.producer = producer;
        this.topic = topic;
        this.keySeparator = keySeparator;
        this.errors = errors;
        this.err = err;
    }

    public void sendAll(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
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
        try {
            producer.send(new ProducerRecord<>(topic, record.get().key(), record.get().value()), this::completed);
        } catch (KafkaException e) {
            completed(null, e);
        }
    }

    /** Waits until every send is acknowledged or has failed, and says how it went. */
    public ProduceSummary finish() {
        producer.flush();
        return summary();
    }

    public ProduceSummary summary() {
        return new ProduceSummary(acknowledged.get(), failed.get(), skipped.get(), firstError.get());
    }

    private void completed(RecordMetadata metadata, Exception error) {
        if (error == null) {
            acknowledged.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        String described = errors.describeSendFailure(error, topic);
        if (firstError.compareAndSet(null, described)) {
            err.println("kafka-ha: send failed: " + described);
            err.flush();
        }
    }
}
