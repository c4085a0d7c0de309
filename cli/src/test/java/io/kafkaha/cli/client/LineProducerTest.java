package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LineProducerTest {
    private final StringWriter err = new StringWriter();
    private final KafkaErrors errors = new KafkaErrors("broker:9092");

    @Test
    void sendsEveryLineAsAValueWithoutKey() throws Exception {
        MockProducer<String, String> producer = producer(true);
        LineProducer lines = new LineProducer(producer, "orders", null, errors, new PrintWriter(err));

        lines.sendAll(input("first\n\nthird: with colon\n"));
        ProduceSummary summary = lines.finish();

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders", null, "first"),
                        org.assertj.core.groups.Tuple.tuple("orders", null, ""),
                        org.assertj.core.groups.Tuple.tuple("orders", null, "third: with colon"));
        assertThat(summary).isEqualTo(new ProduceSummary(3, 0, 0, null));
        assertThat(summary.succeeded()).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withASeparatorSendsKeyedRecordsAndSkipsLinesWithoutIt() throws Exception {
        MockProducer<String, String> producer = producer(true);
        LineProducer lines = new LineProducer(producer, "orders", ":", errors, new PrintWriter(err));

        lines.sendAll(input("k1:v1\nno key here\nk2:v:2\n"));
        ProduceSummary summary = lines.finish();

        assertThat(producer.history()).extracting(ProducerRecord::key, ProducerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("k2", "v:2"));
        assertThat(summary).isEqualTo(new ProduceSummary(2, 0, 1, null));
        assertThat(summary.succeeded()).isFalse();
        assertThat(err.toString()).contains("line 2 has no key separator ':', not sent");
        assertThat(summary.describe("orders", ":"))
                .isEqualTo("produced 2 records to orders; 1 line without the key separator ':' not sent");
    }

    @Test
    void countsFailedSendsAndReportsTheFirstErrorOnce() {
        MockProducer<String, String> producer = producer(false);
        LineProducer lines = new LineProducer(producer, "orders", null, errors, new PrintWriter(err));

        lines.send("a");
        lines.send("b");
        lines.send("c");
        producer.completeNext();
        producer.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync"
                + " replicas than required."));
        producer.errorNext(new NotEnoughReplicasException("again"));
        ProduceSummary summary = lines.summary();

        assertThat(summary.acknowledged()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(summary.firstError()).startsWith("Messages are rejected since there are fewer in-sync replicas"
                + " than required; fewer replicas of 'orders' are in sync than its min.insync.replicas");
        assertThat(err.toString()).containsOnlyOnce("kafka-ha: send failed:");
        assertThat(summary.describe("orders", null))
                .startsWith("produced 1 record to orders; 2 failed, first error: Messages are rejected");
    }

    @Test
    void aStallIsMeasuredFromTheLastProgressAndEndsWhenNothingWaits() {
        MockProducer<String, String> producer = producer(false);
        AtomicLong nanos = new AtomicLong();
        LineProducer lines = new LineProducer(producer, "orders", null, errors, new PrintWriter(err), nanos::get);
        assertThat(lines.stalledFor()).isZero();

        lines.send("a");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        lines.send("b");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(lines.stalledFor()).isEqualTo(Duration.ofSeconds(4));

        producer.completeNext();
        assertThat(lines.stalledFor()).isZero();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(lines.stalledFor()).isEqualTo(Duration.ofSeconds(1));
        producer.completeNext();
        assertThat(lines.stalledFor()).isZero();
    }

    @Test
    void theStallWatchAbortsWaitingSendsWithKafkasReasonOnlyAfterTheStall() throws Exception {
        MockProducer<String, String> producer = producer(false);
        AtomicLong nanos = new AtomicLong();
        LineProducer lines = new LineProducer(producer, "orders", null, errors, new PrintWriter(err), nanos::get);
        AtomicInteger asked = new AtomicInteger();
        StallWatch watch = new StallWatch(lines, () -> {
            asked.incrementAndGet();
            return Optional.of("Kafka refuses acks=all writes to 'orders': NOT_ENOUGH_REPLICAS");
        }, null);

        lines.send("a");
        nanos.addAndGet(StallWatch.STALL.toNanos() - 1);
        watch.check();
        assertThat(asked).hasValue(0);
        nanos.addAndGet(1);
        watch.check();
        assertThat(asked).hasValue(1);
        assertThat(lines.aborted()).isCompletedWithValue("Kafka refuses acks=all writes to 'orders':"
                + " NOT_ENOUGH_REPLICAS");
        assertThat(producer.closed()).isTrue();
        // A real producer closed at once fails what it held; the mock needs telling.
        producer.errorNext(new KafkaException("Producer is closed forcefully."));

        lines.sendAll(input("b\nc\n"));
        watch.check();
        assertThat(asked).hasValue(1);
        ProduceSummary summary = lines.finish();
        assertThat(summary).isEqualTo(new ProduceSummary(0, 1, 0, "Kafka refuses acks=all writes to 'orders':"
                + " NOT_ENOUGH_REPLICAS"));
        assertThat(producer.history()).hasSize(1);
        assertThat(err.toString()).isEqualTo("kafka-ha: send failed: Kafka refuses acks=all writes to 'orders':"
                + " NOT_ENOUGH_REPLICAS; no further lines are sent" + System.lineSeparator());
    }

    @Test
    void linesAfterAnAbortAreCountedAsFailed() {
        MockProducer<String, String> producer = producer(true);
        LineProducer lines = new LineProducer(producer, "orders", null, errors, new PrintWriter(err));
        lines.send("a");
        lines.abort("refused");
        lines.send("b");
        lines.abort("again");

        assertThat(lines.finish()).isEqualTo(new ProduceSummary(1, 1, 0, "refused"));
        assertThat(err.toString()).containsOnlyOnce("send failed");
    }

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, new RoundRobinPartitioner(), new StringSerializer(),
                new StringSerializer());
    }

    private static BufferedReader input(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
