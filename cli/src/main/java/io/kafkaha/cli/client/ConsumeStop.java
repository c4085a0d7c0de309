package io.kafkaha.cli.client;

import java.time.Duration;

/**
 * When {@code kafka-ha consume} stops by itself: after {@code maxMessages} records, or once no record arrived
 * for {@code idleTimeout}. Either may be null (no such limit); with both null it runs until Ctrl-C.
 */
public record ConsumeStop(Long maxMessages, Duration idleTimeout) {
    /** Longest single poll: short enough to notice the idle timeout promptly. */
    static final Duration MAX_POLL = Duration.ofMillis(500);

    public static ConsumeStop never() {
        return new ConsumeStop(null, null);
    }

    public boolean reachedMax(long consumed) {
        return maxMessages != null && consumed >= maxMessages;
    }

    public boolean idleTooLong(Duration idle) {
        return idleTimeout != null && idle.compareTo(idleTimeout) >= 0;
    }

    /** How long the next poll may wait without overshooting the idle timeout. */
    public Duration nextPoll(Duration idle) {
        if (idleTimeout == null) {
            return MAX_POLL;
        }
        Duration left = idleTimeout.minus(idle);
        return left.isNegative() ? Duration.ZERO : (left.compareTo(MAX_POLL) < 0 ? left : MAX_POLL);
    }
}
