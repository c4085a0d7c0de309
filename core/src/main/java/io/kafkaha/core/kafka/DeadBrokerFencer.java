package io.kafkaha.core.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.UnregisterBrokerOptions;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fast fencing: unregisters a broker that a runtime has seen die ({@link BrokerDeath#certain()}), so the
 * controller removes it from every ISR and moves its leadership at once, instead of waiting for
 * {@code broker.session.timeout.ms} (6 s as kafka-ha renders it, Kafka's default 9 s) while acks=all producers stall. A broker that comes back simply
 * registers again.
 *
 * <p>Used by both runtimes: the local supervisor on a process exit, the operator on a terminated container.
 * Idempotent: a broker that is not registered (already unregistered, or never was) is reported as such.
 */
public final class DeadBrokerFencer {
    /** Long enough for the Admin client to skip the dead broker and reach a live one; short enough to matter. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(DeadBrokerFencer.class);

    /** What an unregister attempt did. */
    public enum Result { UNREGISTERED, NOT_REGISTERED, FAILED, SKIPPED }

    /** The outcome, with a message for logs and events. */
    public record Outcome(int brokerId, Result result, String message) {
    }

    private final Admin admin;

    public DeadBrokerFencer(Admin admin) {
        this.admin = admin;
    }

    /** Unregisters {@code brokerId} if {@code death} is certain; does nothing otherwise. */
    public Outcome fence(int brokerId, BrokerDeath death) {
        if (!death.certain()) {
            return new Outcome(brokerId, Result.SKIPPED, "broker " + brokerId + " left alone: " + death.evidence());
        }
        Outcome outcome = unregister(brokerId, death.evidence());
        if (outcome.result() == Result.FAILED) {
            LOG.warn(outcome.message());
        } else {
            LOG.info(outcome.message());
        }
        return outcome;
    }

    private Outcome unregister(int brokerId, String evidence) {
        long started = System.nanoTime();
        try {
            admin.unregisterBroker(brokerId, new UnregisterBrokerOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .all().get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new Outcome(brokerId, Result.UNREGISTERED, "unregistered broker " + brokerId + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms because " + evidence);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrokerIdNotRegisteredException) {
                return new Outcome(brokerId, Result.NOT_REGISTERED, "broker " + brokerId + " is not registered"
                        + " (already unregistered or fenced); nothing to do");
            }
            return failed(brokerId, evidence, e.getCause());
        } catch (TimeoutException e) {
            return failed(brokerId, evidence, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(brokerId, evidence, e);
        }
    }

    private static Outcome failed(int brokerId, String evidence, Throwable cause) {
        return new Outcome(brokerId, Result.FAILED, "could not unregister broker " + brokerId + " (" + evidence
                + "): " + cause + "; Kafka fences it after broker.session.timeout.ms instead");
    }
}
