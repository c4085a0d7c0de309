package io.kafkaha.cli.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Asks Kafka about a topic before producing to or consuming from it: an unreachable cluster or a misspelt
 * topic is then reported in seconds, clearly, instead of as a client waiting for metadata (or, with
 * auto-creation on, a typo silently becoming a new topic).
 */
public final class TopicLookup {
    private TopicLookup() {
    }

    public static TopicDescription describe(Admin admin, String topic, KafkaErrors errors)
            throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            throw errors.translate(e, topic);
        }
    }

    /** The topic's effective min.insync.replicas (its own, else the cluster's default). */
    public static int minInSyncReplicas(Admin admin, String topic, KafkaErrors errors) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            return entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
        } catch (ExecutionException e) {
            throw errors.translate(e, topic);
        }
    }

    /** Why Kafka refuses writes to every partition of the topic now, if it does. */
    public static Optional<String> writeRefusal(Admin admin, String topic, KafkaErrors errors)
            throws InterruptedException {
        return WriteRefusal.ofEveryPartition(describe(admin, topic, errors), minInSyncReplicas(admin, topic, errors));
    }
}
