package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.ClusterHealth;
import java.util.Optional;

/**
 * One look at Kafka: its view of the cluster, or why it could not be had.
 *
 * @param health Kafka's view, empty when it could not be asked
 * @param error  why it could not be asked; null when {@code health} is present
 */
public record KafkaView(Optional<ClusterHealth> health, String error) {

    public static KafkaView of(ClusterHealth health) {
        return new KafkaView(Optional.of(health), null);
    }

    public static KafkaView unreachable(String error) {
        return new KafkaView(Optional.empty(), error);
    }
}
