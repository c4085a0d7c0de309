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

    /**
     * Why this runtime cannot do the fault at all (no way to freeze a process, nodes that do not stay down), if so:
     * the drill then skips it, which is not a failure. {@link #cannotRunOn} is for clusters too small for it.
     */
    default Optional<String> notPossibleOn(DrillTarget target) {
        return Optional.empty();
    }

    /** Breaks, holds and repairs; {@link FaultNotInjected} if any step could not be done. */
    Injection inject(DrillTarget target, DrillContext context) throws InterruptedException;
}
