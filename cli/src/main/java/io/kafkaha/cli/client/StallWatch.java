package io.kafkaha.cli.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * While {@code produce} runs: once sends have waited {@link #STALL} without progress, asks Kafka every second
 * whether it refuses writes to the topic, and if so aborts them with Kafka's reason instead of letting the
 * producer retry them for two minutes and then blame a timeout. A stall Kafka does not explain (a leader
 * changing, a broker being fenced) is left to the producer's retries, which ride it out.
 */
public final class StallWatch implements AutoCloseable {
    /** Far above a healthy acknowledgement (milliseconds), below a user's patience. */
    public static final Duration STALL = Duration.ofSeconds(3);

    private final LineProducer lines;
    private final Supplier<Optional<String>> refusal;
    private final ScheduledExecutorService timer;

    StallWatch(LineProducer lines, Supplier<Optional<String>> refusal, ScheduledExecutorService timer) {
        this.lines = lines;
        this.refusal = refusal;
        this.timer = timer;
    }

    /** @param refusal what Kafka refuses writes to the topic for now, if it does; empty if it cannot tell */
    public static StallWatch start(LineProducer lines, Supplier<Optional<String>> refusal) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-ha-produce-stall-watch");
            thread.setDaemon(true);
            return thread;
        });
        StallWatch watch = new StallWatch(lines, refusal, timer);
        timer.scheduleWithFixedDelay(watch::check, 1, 1, TimeUnit.SECONDS);
        return watch;
    }

    void check() {
        if (!lines.aborted().isDone() && lines.stalledFor().compareTo(STALL) >= 0) {
            refusal.get().ifPresent(lines::abort);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
