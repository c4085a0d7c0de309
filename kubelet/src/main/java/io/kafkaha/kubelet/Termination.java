package io.kafkaha.kubelet;

import java.time.Instant;

/**
 * How one run of a pod's container ended: its exit code ({@code 143} after SIGTERM, {@code 137} after SIGKILL, as
 * Kubernetes reports them) and why.
 */
public record Termination(int exitCode, Cause cause, Instant startedAt, Instant finishedAt) {

    /** Why the container's process ended. */
    public enum Cause {
        /** On its own or by a signal from outside the kubelet (a crash, {@link ProcessKubelet#kill}): restarted. */
        EXITED,
        /** Stopped by the kubelet because its pod went away: SIGTERM, and it exited within the grace period. */
        STOPPED,
        /** Stopped because its pod went away, but it outlived the grace period and was SIGKILLed. */
        KILLED_AFTER_GRACE
    }

    /** Kubernetes' reason for a terminated container state. */
    public String reason() {
        return exitCode == 0 ? "Completed" : "Error";
    }
}
