package io.kafkaha.core.verify;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A verification run in progress, from {@link Verifier#start(VerifierSettings)}. Its progress counters let a caller
 * wait until records flow before it disturbs the cluster; {@link #close()} ends the run and everything it started.
 */
public final class VerificationRun implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    private final Verifier verifier;

    VerificationRun(Verifier verifier) {
        this.verifier = verifier;
    }

    /** Tags this run's payloads; records of other runs on the same topic are ignored. */
    public String runId() {
        return verifier.runId();
    }

    public VerifierSettings settings() {
        return verifier.settings();
    }

    /** Sends acknowledged so far. */
    public long acknowledged() {
        return verifier.ledger().acknowledgedCount();
    }

    /** Distinct payloads of this run consumed so far. */
    public long consumed() {
        return verifier.ledger().consumedCount();
    }

    public long failedSends() {
        return verifier.ledger().failedCount();
    }

    public boolean isDone() {
        return verifier.report().isDone();
    }

    /** Ends the producing phase early; the run still drains and reports on what was sent. */
    public void stopProducing() {
        verifier.stopProducing();
    }

    /** Waits for the report; throws {@link VerifierException} if the run could not produce one. */
    public VerificationReport awaitReport() throws InterruptedException {
        try {
            return verifier.report().get();
        } catch (ExecutionException failed) {
            throw asVerifierException(failed.getCause());
        } catch (CancellationException cancelled) {
            throw new VerifierException("the run was cancelled", cancelled);
        }
    }

    /** The report if the run ends within {@code timeout}, else empty; the run keeps going either way. */
    public Optional<VerificationReport> awaitReport(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(verifier.report().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException notYet) {
            return Optional.empty();
        } catch (ExecutionException failed) {
            throw asVerifierException(failed.getCause());
        }
    }

    /** Aborts the run if it is still going and waits until its threads and Kafka clients have stopped. */
    @Override
    public void close() {
        verifier.abort(CLOSE_WAIT);
    }

    private static VerifierException asVerifierException(Throwable cause) {
        return cause instanceof VerifierException verifierException ? verifierException
                : new VerifierException(cause.getMessage(), cause);
    }
}
