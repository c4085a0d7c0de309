package io.kafkaha.cli.client;

import io.kafkaha.core.kafka.ClientSettings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Opens the Kafka clients the CLI uses, with kafka-ha's settings. A client refuses to start when the bootstrap
 * servers cannot be parsed or resolved; that is reported as the user's mistake it is.
 */
public final class KafkaClients {
    private final String bootstrapServers;
    private final KafkaErrors errors;

    public KafkaClients(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.errors = new KafkaErrors(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaErrors errors() {
        return errors;
    }

    public Admin admin() {
        try {
            return Admin.create(ClientSettings.admin(bootstrapServers));
        } catch (KafkaException e) {
            throw errors.translate(e, null);
        }
    }

    /**
     * The durable producer (acks=all, idempotent), blocking no longer than the admin timeout when metadata or
     * buffer space is missing, so a lost cluster shows up as failed sends instead of a hang.
     */
    public Producer<String, String> durableProducer() {
        Map<String, Object> config = ClientSettings.durableProducer(bootstrapServers);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ClientSettings.ADMIN_TIMEOUT.toMillis());
        try {
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        } catch (KafkaException e) {
            throw errors.translate(e, null);
        }
    }

    public Consumer<String, String> consumer(Map<String, Object> config) {
        try {
            return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        } catch (KafkaException e) {
            throw errors.translate(e, null);
        }
    }
}
