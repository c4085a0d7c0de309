package io.kafkaha.cli.drill;

import java.util.Optional;

/**
 * One fault a drill injects while the verifier runs: it breaks something, holds it, and repairs it (starts the
 * nodes again, resumes them) before it returns. The drill then waits for the cluster to be fully redundant.
 */
public interface Fault {
    /** The name on the command line, e.g. {@code broker-kill}. */
    String name();

    /** What it does, for the help and the docs. */
    String description();

    /** Why it cannot run against {@code target} (too few brokers, not possible on that runtime), if so. */
    Optional<String> cannotRunOn(DrillTarget target);

    /** Breaks, holds and repairs; {@link FaultNotInjected} if any step could not be done. */
    Injection inject(DrillTarget target, DrillContext context) throws InterruptedException;
}
