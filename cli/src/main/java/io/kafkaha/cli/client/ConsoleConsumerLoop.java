package io.kafkaha.cli.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Prints records as they arrive, one per line, flushed at once, until {@link ConsumeStop} says so or
 * {@code consumer.wakeup()} is called (Ctrl-C). With a group, offsets are committed only for records already
 * printed, so stopping never skips a record the user has not seen.
 */
public final class ConsoleConsumerLoop {
    private final Consumer<String, String> consumer;
    private final ConsumeStop stop;
    private final String keySeparator;
    private final boolean commitOffsets;
    private final LongSupplier nanoTime;
    private final Map<TopicPartition, OffsetAndMetadata> printedNotCommitted = new HashMap<>();

    /**
     * @param keySeparator  print each record as KEY SEP VALUE; null prints values only
     * @param commitOffsets commit what was printed (the consumer is in a group)
     * @param nanoTime      the clock measuring idleness; tests pass their own
     */
    public ConsoleConsumerLoop(Consumer<String, String> consumer, ConsumeStop stop, String keySeparator,
                               boolean commitOffsets, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.stop = stop;
        this.keySeparator = keySeparator;
        this.commitOffsets = commitOffsets;
        this.nanoTime = nanoTime;
    }

    /** Consumes until told to stop; returns how many records were printed. */
    public long run(PrintWriter out) {
        long printed = 0;
        long lastArrival = nanoTime.getAsLong();
        try {
            while (!stop.reachedMax(printed)) {
                Duration idle = Duration.ofNanos(nanoTime.getAsLong() - lastArrival);
                if (stop.idleTooLong(idle)) {
                    break;
                }
                ConsumerRecords<String, String> records = consumer.poll(stop.nextPoll(idle));
                if (records.isEmpty()) {
                    continue;
                }
                lastArrival = nanoTime.getAsLong();
                for (ConsumerRecord<String, String> record : records) {
                    if (stop.reachedMax(printed)) {
                        break;
                    }
                    out.println(line(record));
                    printed++;
                    printedNotCommitted.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                out.flush();
                commitPrinted();
            }
        } catch (WakeupException stopRequested) {
            out.flush();
            commitPrinted();
        }
        return printed;
    }

    String line(ConsumerRecord<String, String> record) {
        String value = String.valueOf(record.value());
        return keySeparator == null ? value : record.key() + keySeparator + value;
    }

    private void commitPrinted() {
        if (commitOffsets && !printedNotCommitted.isEmpty()) {
            consumer.commitSync(printedNotCommitted);
            printedNotCommitted.clear();
        }
    }
}
