package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsoleConsumerLoopTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final StringWriter out = new StringWriter();
    /** Advances one second on every reading, so idleness builds up without real waiting. */
    private final AtomicLong seconds = new AtomicLong();

    ConsoleConsumerLoopTest() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.seekToBeginning(List.of(P0, P1));
    }

    @Test
    void printsOneValuePerLineAndStopsAfterMaxMessagesCommittingOnlyWhatWasPrinted() {
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, "k", "first"));
            consumer.addRecord(record(P0, 1, "k", "second"));
            consumer.addRecord(record(P1, 0, null, null));
            consumer.addRecord(record(P1, 1, "k", "not printed"));
        });

        long printed = loop(new ConsumeStop(3L, null), null, true).run(new PrintWriter(out));

        assertThat(printed).isEqualTo(3);
        assertThat(out.toString().lines()).containsExactly("first", "second", "null");
        assertThat(consumer.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(2))
                .containsEntry(P1, new OffsetAndMetadata(1));
    }

    @Test
    void withoutAGroupNothingIsCommitted() {
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, "k", "v")));

        loop(new ConsumeStop(1L, null), null, false).run(new PrintWriter(out));

        assertThat(consumer.committed(Set.of(P0))).doesNotContainKey(P0);
    }

    @Test
    void printsKeysWhenGivenASeparator() {
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, "user-1", "hello")));

        loop(new ConsumeStop(1L, null), "\t", false).run(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("user-1\thello" + System.lineSeparator());
    }

    @Test
    void stopsOnceNoRecordArrivedForTheIdleTimeout() {
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, "k", "only")));

        long printed = loop(new ConsumeStop(null, Duration.ofSeconds(5)), null, false).run(new PrintWriter(out));

        assertThat(printed).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactly("only");
        // one reading at start, one after the record, then one per empty poll until 5 s of silence
        assertThat(seconds.get()).isBetween(5L, 9L);
    }

    @Test
    void wakeupEndsTheLoopCleanlyAfterCommittingWhatWasPrinted() {
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, "k", "seen")));
        consumer.schedulePollTask(consumer::wakeup);

        long printed = loop(ConsumeStop.never(), null, true).run(new PrintWriter(out));

        assertThat(printed).isEqualTo(1);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
    }

    private ConsoleConsumerLoop loop(ConsumeStop stop, String keySeparator, boolean commit) {
        return new ConsoleConsumerLoop(consumer, stop, keySeparator, commit,
                () -> Duration.ofSeconds(seconds.getAndIncrement()).toNanos());
    }

    private static ConsumerRecord<String, String> record(TopicPartition partition, long offset, String key,
                                                         String value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
    }
}
