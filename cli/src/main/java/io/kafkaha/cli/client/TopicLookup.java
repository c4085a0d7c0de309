package io.kafkaha.cli.client;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

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
}
