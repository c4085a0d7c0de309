package io.kafkaha.cli.client;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Turns what Kafka's clients throw into what the user should read: a {@link UserError} saying what went wrong
 * and what to do about it for every failure the user can fix, the error itself for anything else (a bug, or a
 * server fault no advice would help with). Shared by all client commands so the same failure reads the same.
 */
public final class KafkaErrors {
    private final String bootstrapServers;

    public KafkaErrors(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The error to throw for a failed admin or client call about {@code topic} (null when about no topic). */
    public RuntimeException translate(Throwable error, String topic) {
        Throwable cause = rootKafkaError(error);
        String advice = advice(cause, topic);
        if (advice != null) {
            return new UserError(advice, cause);
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /**
     * One line about a failed send, for the producer's summary. A send can fail long after the cluster was
     * reached, so a timeout here reports Kafka's own words rather than "cannot reach".
     */
    public String describeSendFailure(Throwable error, String topic) {
        Throwable cause = rootKafkaError(error);
        String reason = reason(cause);
        if (cause instanceof TimeoutException) {
            return reason + "; Kafka did not acknowledge it in time: 'kafka-ha status -b " + bootstrapServers
                    + "' shows whether the cluster is reachable and its partitions have enough replicas in sync";
        }
        if (cause instanceof NotEnoughReplicasException || cause instanceof NotEnoughReplicasAfterAppendException) {
            return reason + "; fewer replicas of '" + topic + "' are in sync than its min.insync.replicas:"
                    + " 'kafka-ha status' shows which partitions, 'kafka-ha topic describe " + topic
                    + "' their replicas";
        }
        if (cause instanceof RecordTooLargeException) {
            return reason + "; split the line, or raise the topic's max.message.bytes";
        }
        String advice = advice(cause, topic);
        return advice != null ? advice : reason + " (" + cause.getClass().getSimpleName() + ")";
    }

    private String advice(Throwable cause, String topic) {
        String reason = reason(cause);
        String quoted = topic == null ? "the topic" : "'" + topic + "'";
        if (cause instanceof TimeoutException) {
            return "cannot reach Kafka at " + bootstrapServers + " within " + ClientSettings.ADMIN_TIMEOUT.toSeconds()
                    + "s: is the cluster running? ('kafka-ha local status' for the local one)";
        }
        if (cause instanceof ConfigException) {
            return "cannot use --bootstrap-server '" + bootstrapServers + "': " + reason
                    + "; give HOST:PORT[,HOST:PORT...] of brokers this machine can resolve";
        }
        if (cause instanceof TopicExistsException) {
            return reason + "; choose another name, or delete it first with 'kafka-ha topic delete " + topic + "'";
        }
        if (cause instanceof UnknownTopicOrPartitionException || cause instanceof UnknownTopicIdException) {
            return "topic " + quoted + " does not exist at " + bootstrapServers + "; 'kafka-ha topic list' shows"
                    + " the topics there, 'kafka-ha topic create " + (topic == null ? "NAME" : topic) + "' creates it";
        }
        if (cause instanceof InvalidReplicationFactorException) {
            return reason + "; use a --replication-factor of at most the number of brokers ('kafka-ha status'"
                    + " lists them), or leave it out to get the cluster's default";
        }
        if (cause instanceof InvalidPartitionsException) {
            return reason + "; use --partitions 1 or more, or leave it out to get the cluster's default";
        }
        // Before InvalidConfigurationException, which it extends.
        if (cause instanceof InvalidTopicException) {
            return reason + "; topic names use letters, digits, '.', '_' and '-', at most 249 characters";
        }
        if (cause instanceof InvalidConfigurationException) {
            return reason + "; check the --config entries against Kafka's topic configs"
                    + " (https://kafka.apache.org/documentation/#topicconfigs)";
        }
        if (cause instanceof PolicyViolationException) {
            return reason + "; the cluster's create.topic.policy refuses this topic, ask its operator what it allows";
        }
        if (cause instanceof TopicDeletionDisabledException) {
            return reason + "; the brokers run with delete.topic.enable=false, set it to true to delete topics";
        }
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return "Kafka at " + bootstrapServers + " refused: " + reason + "; kafka-ha connects without"
                    + " credentials, so use a listener that allows that";
        }
        return null;
    }

    /** Kafka's message without its closing full stop, so advice can follow it. */
    private static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /**
     * Futures wrap the error in ExecutionException/CompletionException, and client constructors wrap a bad
     * config in a plain KafkaException ("Failed to create new KafkaAdminClient"); the cause is what happened.
     */
    static Throwable rootKafkaError(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ExecutionException || current instanceof CompletionException
                    || current.getClass() == KafkaException.class)) {
            current = current.getCause();
        }
        return current;
    }
}
