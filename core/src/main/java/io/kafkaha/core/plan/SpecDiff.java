package io.kafkaha.core.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a node must restart to run what the spec now says, and the one reason shown for it. A part only counts
 * as changed when both sides know it, so a node started before kafka-ha recorded that part is not restarted for
 * it alone.
 */
public final class SpecDiff {
    private SpecDiff() {
    }

    public static Optional<RestartReason> restartReason(NodeFingerprint running, NodeFingerprint desired) {
        if (changed(running.version(), desired.version())) {
            return Optional.of(RestartReason.VERSION);
        }
        if (changed(running.image(), desired.image())) {
            return Optional.of(RestartReason.IMAGE);
        }
        if (changed(running.configHash(), desired.configHash())) {
            return Optional.of(RestartReason.CONFIG);
        }
        if (changed(running.startScriptHash(), desired.startScriptHash())) {
            return Optional.of(RestartReason.START_SCRIPT);
        }
        if (changed(running.resources(), desired.resources())) {
            return Optional.of(RestartReason.RESOURCES);
        }
        if (changed(running.restartToken(), desired.restartToken())) {
            return Optional.of(RestartReason.REQUESTED);
        }
        return Optional.empty();
    }

    private static boolean changed(String running, String desired) {
        return running != null && desired != null && !Objects.equals(running, desired);
    }
}
