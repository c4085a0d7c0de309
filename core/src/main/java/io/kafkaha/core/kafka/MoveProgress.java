package io.kafkaha.core.kafka;

import java.util.List;

/**
 * How far a partition move is, as reported while it runs.
 *
 * @param moving the partitions Kafka is moving right now
 */
public record MoveProgress(int done, int total, long throttleBytesPerSecond, List<String> moving) {
    public MoveProgress {
        moving = List.copyOf(moving);
    }

    /** "31 of 48 done, throttle 50 MiB/s". */
    public String describe() {
        return done + " of " + total + " done, throttle " + MoveSettings.describeRate(throttleBytesPerSecond);
    }
}
