package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
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

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, new RoundRobinPartitioner(), new StringSerializer(),
                new StringSerializer());
    }

    private static BufferedReader input(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
