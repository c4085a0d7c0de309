package io.kafkaha.core.kafka;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether what a runtime saw of a broker proves it dead — the one question fast fencing
 * ({@link DeadBrokerFencer}) must get right, answered without I/O.
 *
 * <p>Only an observation that rules out a live broker counts: its process has exited (locally) or its Kafka
 * container has terminated (Kubernetes). Slowness, unreachability, a failed readiness probe or a paused process
 * never count: such a broker may be alive and still believe it leads partitions, and only Kafka's own session
 * timeout may fence it. A graceful stop does not count either: the broker's controlled shutdown has already
 * handed its leadership over, so unregistering it would add nothing.
 *
 * @param certain whether the broker is certainly dead and may be unregistered at once
 * @param evidence what was observed, for logs and events
 */
public record BrokerDeath(boolean certain, String evidence) {

    /**
     * Local runtime: the broker's process is gone.
     *
     * @param processAlive whether the process still exists (a paused, SIGSTOPped process does)
     * @param gracefulStopRequested whether kafka-ha asked it to stop (local stop, down, a roll) before it exited
     */
    public static BrokerDeath ofLocalProcess(boolean processAlive, boolean gracefulStopRequested) {
        if (processAlive) {
            return new BrokerDeath(false, "its process is still alive (it may be slow or paused)");
        }
        if (gracefulStopRequested) {
            return new BrokerDeath(false, "it was stopped gracefully");
        }
        return new BrokerDeath(true, "its process exited without a graceful stop");
    }

    /**
     * How long after a container's death it may still be fenced: while Kafka still holds the dead incarnation's
     * session, which it does for {@code broker.session.timeout.ms} (6 s as kafka-ha renders it) after the last
     * heartbeat, i.e. at least 6 s − {@code broker.heartbeat.interval.ms} (1 s) after the death. Until then a
     * restarted broker cannot register (Kafka refuses a second incarnation while the first's session is valid), so
     * an unregister can only hit the dead one. Later, Kafka has fenced it itself, and the restarted container may
     * have registered anew: unregistering that live broker would cut it off for good, since a running Kafka 4
     * broker never re-registers (it only retries its heartbeats) and stays out of every ISR until it restarts.
     */
    public static final Duration CONTAINER_DEATH_ACTIONABLE = Duration.ofSeconds(5);

    /**
     * Kubernetes: the broker pod's Kafka container as the kubelet reports it.
     *
     * @param terminated the container's current state is {@code terminated}, or it has a {@code lastState.terminated}
     *                   newer than any seen before (a restart the informer caught only afterwards)
     * @param containerReady the container's ready flag; a restarted Kafka that already serves again must not be
     *                       cut off by a late reaction to its previous death
     * @param podDeleting the pod has a deletion timestamp: it is being stopped gracefully (SIGTERM, controlled
     *                    shutdown), by the operator's roll or by anyone else
     * @param sinceDeath how long ago the container terminated ({@code finishedAt}); empty if unknown
     */
    public static BrokerDeath ofContainer(boolean terminated, boolean containerReady, boolean podDeleting,
                                          Optional<Duration> sinceDeath) {
        if (!terminated) {
            return new BrokerDeath(false, "its container has not terminated (not ready or unreachable is not dead)");
        }
        if (podDeleting) {
            return new BrokerDeath(false, "its pod is being deleted, so Kafka was stopped gracefully");
        }
        if (containerReady) {
            return new BrokerDeath(false, "its container was restarted and is ready again");
        }
        if (sinceDeath.isEmpty()) {
            return new BrokerDeath(false, "its container terminated at an unknown time; a restarted broker may"
                    + " have registered since");
        }
        if (sinceDeath.get().compareTo(CONTAINER_DEATH_ACTIONABLE) > 0) {
            return new BrokerDeath(false, "its container terminated " + sinceDeath.get().toMillis() + " ms ago:"
                    + " Kafka's session timeout has fenced it, and a restarted broker may have registered since");
        }
        return new BrokerDeath(true, "its Kafka container terminated " + sinceDeath.get().toMillis() + " ms ago");
    }
}
