package io.kafkaha.core.verify;

/**
 * When each send is due so the producer holds a steady rate. Send {@code i} is due at {@code start + i / rate};
 * the schedule is absolute, so time spent inside {@code send()} does not slow the rate down. If the producer fell
 * far behind (a send blocked on metadata during a failover), it catches up with at most one second's worth of
 * records instead of an unbounded burst.
 */
final class Pacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_BACKLOG_NANOS = NANOS_PER_SECOND;

    private final int ratePerSecond;
    private long scheduleStart;
    private long sent;

    Pacer(int ratePerSecond, long startNanos) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be positive, got " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.scheduleStart = startNanos;
    }

    /** The {@link System#nanoTime()} at which the next send is due, given the time now; advances the schedule. */
    long nextDue(long nowNanos) {
        long due = scheduleStart + sent * NANOS_PER_SECOND / ratePerSecond;
        if (nowNanos - due > MAX_BACKLOG_NANOS) {
            // Shift the whole schedule so only one second of backlog remains.
            scheduleStart += nowNanos - due - MAX_BACKLOG_NANOS;
            due = nowNanos - MAX_BACKLOG_NANOS;
        }
        sent++;
        return due;
    }
}
