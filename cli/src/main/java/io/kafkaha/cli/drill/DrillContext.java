package io.kafkaha.cli.drill;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a fault may use besides the cluster: the drill's settings, the running verification's acknowledged
 * count (to check nothing is acknowledged while it must not be) and a progress line printer.
 */
public record DrillContext(DrillSettings settings, LongSupplier acknowledged, Consumer<String> progress) {
    void say(String line) {
        progress.accept(line);
    }

    /**
     * Keeps killed nodes down for {@code --down-seconds} where the runtime lets them stay down; the words for the
     * report, e.g. {@code down 5 s}.
     */
    String holdDown(DrillTarget target) throws InterruptedException {
        if (target.cannotKeepDown().isPresent()) {
            return "re-created at once (--down-seconds does not apply)";
        }
        hold(settings.downFor());
        return "down " + settings.downFor().toSeconds() + " s";
    }

    /** Sleeps {@code duration}; the drill's faults hold their state for fixed times by design. */
    static void hold(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
