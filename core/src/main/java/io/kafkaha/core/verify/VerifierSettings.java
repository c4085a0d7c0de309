package io.kafkaha.core.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * What one verification run does: produce to {@code topic} at {@code ratePerSecond} records/s for
 * {@code duration}, then give the consumer up to {@code drainTimeout} to see every acknowledged record.
 */
public record VerifierSettings(String bootstrapServers, String topic, Duration duration, int ratePerSecond,
        Duration drainTimeout) {
    public static final String DEFAULT_TOPIC = "kafka-ha-verify";
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final int DEFAULT_RATE_PER_SECOND = 200;
    /** Long enough for a consumer to ride out a leader failover and catch up. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);

    public VerifierSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be positive, got " + ratePerSecond);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
        }
    }

    /** The defaults: topic {@value #DEFAULT_TOPIC}, 30 s at 200 records/s, 60 s drain. */
    public static VerifierSettings defaults(String bootstrapServers) {
        return new VerifierSettings(bootstrapServers, DEFAULT_TOPIC, DEFAULT_DURATION, DEFAULT_RATE_PER_SECOND,
                DEFAULT_DRAIN_TIMEOUT);
    }

    public VerifierSettings withTopic(String newTopic) {
        return new VerifierSettings(bootstrapServers, newTopic, duration, ratePerSecond, drainTimeout);
    }

    public VerifierSettings withDuration(Duration newDuration) {
        return new VerifierSettings(bootstrapServers, topic, newDuration, ratePerSecond, drainTimeout);
    }

    public VerifierSettings withRatePerSecond(int newRate) {
        return new VerifierSettings(bootstrapServers, topic, duration, newRate, drainTimeout);
    }

    public VerifierSettings withDrainTimeout(Duration newDrainTimeout) {
        return new VerifierSettings(bootstrapServers, topic, duration, ratePerSecond, newDrainTimeout);
    }
}
