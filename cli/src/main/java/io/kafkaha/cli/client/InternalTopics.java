package io.kafkaha.cli.client;

import io.kafkaha.cli.UserError;

/**
 * Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state}, ...; by convention every name
 * starting with {@code __}) are created and managed by the brokers. Deleting one silently destroys state every
 * client relies on (all consumer groups' committed offsets), so the topic commands refuse to create or delete one.
 */
public final class InternalTopics {
    static final String PREFIX = "__";

    private InternalTopics() {
    }

    public static boolean isInternal(String topic) {
        return topic.startsWith(PREFIX);
    }

    /** Refuses to create {@code topic} if it is named like an internal topic. */
    public static void refuseCreate(String topic) {
        if (isInternal(topic)) {
            throw new UserError("'" + topic + "' is named like Kafka's internal topics (their names start with"
                    + " '__'), which the brokers create and manage themselves; choose a name that does not start"
                    + " with '__'");
        }
    }

    /** Refuses to delete {@code topic} if it is an internal topic. */
    public static void refuseDelete(String topic) {
        if (isInternal(topic)) {
            throw new UserError("'" + topic + "' is one of Kafka's internal topics (their names start with '__'):"
                    + " the brokers manage them, and deleting one destroys what Kafka keeps there (deleting"
                    + " __consumer_offsets erases every consumer group's committed offsets); kafka-ha does not"
                    + " delete internal topics, leave it to Kafka");
        }
    }
}
