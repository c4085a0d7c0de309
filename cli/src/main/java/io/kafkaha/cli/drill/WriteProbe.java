package io.kafkaha.cli.drill;

import io.kafkaha.core.verify.Payload;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One acks=all write at a time without retries, to see what the cluster answers right now: acknowledged,
 * refused (and Kafka's reason) or no answer in time. Its payloads carry a run id of their own, so a verifier on
 * the same topic ignores them.
 */
final class WriteProbe implements AutoCloseable {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    /** What the cluster did with one probe write. */
    enum Answer { ACKNOWLEDGED, REFUSED, NO_ANSWER }

    /** The answer and, when refused, Kafka's error. */
    record Outcome(Answer answer, String error) {
    }

    private final String topic;
    private final String runId = "probe-" + UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<byte[], byte[]> producer;
    private long sequence;

    WriteProbe(String servers, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-drill-" + runId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // No retries: the first answer is the one we want to see.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis() - 500);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
        try {
            producer.partitionsFor(topic); // metadata now, while the cluster is whole
        } catch (KafkaException unreachable) {
            producer.close(Duration.ZERO);
            throw new FaultNotInjected("cannot reach topic '" + topic + "' for the write probe: "
                    + unreachable.getMessage(), unreachable);
        }
    }

    Outcome attempt() throws InterruptedException {
        byte[] value = new Payload(runId, sequence++).encode();
        try {
            producer.send(new ProducerRecord<>(topic, value)).get(ANSWER_TIMEOUT.toMillis() + 2_000,
                    TimeUnit.MILLISECONDS);
            return new Outcome(Answer.ACKNOWLEDGED, null);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            return cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? new Outcome(Answer.NO_ANSWER, null)
                    : new Outcome(Answer.REFUSED, cause.getClass().getSimpleName());
        } catch (TimeoutException slow) {
            return new Outcome(Answer.NO_ANSWER, null);
        } catch (KafkaException thrown) {
            return new Outcome(Answer.REFUSED, thrown.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ZERO);
    }
}
