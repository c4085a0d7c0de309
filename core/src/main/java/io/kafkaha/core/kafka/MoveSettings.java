package io.kafkaha.core.kafka;

import java.time.Duration;

/**
 * How {@link PartitionMover} runs a reassignment.
 *
 * @param throttleBytesPerSecond replication throttle per broker while partitions move (leader and follower side)
 * @param batchSize              partitions submitted to Kafka at a time
 * @param poll                   how often progress is read from Kafka
 * @param timeout                how long the whole move may take before it stops (Kafka carries on; running the
 *                               mover again resumes)
 */
public record MoveSettings(long throttleBytesPerSecond, int batchSize, Duration poll, Duration timeout) {
    /** 50 MiB/s: a broker's share of a 1 Gbit/s link is left for clients. */
    public static final long DEFAULT_THROTTLE = 50L * 1024 * 1024;

    public MoveSettings {
        if (throttleBytesPerSecond <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("throttle and batch size must be positive");
        }
    }

    public static MoveSettings defaults() {
        return new MoveSettings(DEFAULT_THROTTLE, 20, Duration.ofSeconds(1), Duration.ofMinutes(30));
    }

    public MoveSettings withThrottle(long bytesPerSecond) {
        return new MoveSettings(bytesPerSecond, batchSize, poll, timeout);
    }

    public MoveSettings withTimeout(Duration value) {
        return new MoveSettings(throttleBytesPerSecond, batchSize, poll, value);
    }

    /** "50 MiB/s", for people. */
    public static String describeRate(long bytesPerSecond) {
        if (bytesPerSecond % (1024 * 1024) == 0) {
            return bytesPerSecond / (1024 * 1024) + " MiB/s";
        }
        if (bytesPerSecond % 1024 == 0) {
            return bytesPerSecond / 1024 + " KiB/s";
        }
        return bytesPerSecond + " bytes/s";
    }
}
