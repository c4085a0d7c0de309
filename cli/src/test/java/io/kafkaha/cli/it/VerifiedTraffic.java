package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.time.Duration;

/**
 * kafka-ha's verifier (acks=all, idempotent) in the test's own JVM, writing until the test says the disturbance is
 * over and enough records were acknowledged, rather than for a duration guessed to outlast it: a fixed
 * {@code verify --duration} long enough for a loaded machine wastes minutes on a quick one.
 */
final class VerifiedTraffic implements AutoCloseable {
    /** An upper bound only: {@link #finish} ends production as soon as the test is done. */
    private static final Duration AT_MOST = Duration.ofMinutes(30);
    private static final Duration DRAIN = Duration.ofMinutes(2);

    private final VerificationRun run;

    private VerifiedTraffic(VerificationRun run) {
        this.run = run;
    }

    /** Starts writing to {@code topic} and returns once 500 records are acknowledged, so a fault lands mid-stream. */
    static VerifiedTraffic flowing(String bootstrap, String topic, int ratePerSecond) {
        VerifiedTraffic traffic = new VerifiedTraffic(
                Verifier.start(new VerifierSettings(bootstrap, topic, AT_MOST, ratePerSecond, DRAIN)));
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> traffic.run.isDone() || traffic.run.acknowledged() >= 500);
            assertThat(traffic.run.isDone()).as("the verifier ended before records flowed").isFalse();
            return traffic;
        } catch (RuntimeException | AssertionError e) {
            traffic.close();
            throw e;
        }
    }

    /** True while the verifier still writes: it ends early only when it gives up. */
    boolean producing() {
        return !run.isDone();
    }

    /**
     * Waits until at least {@code minimum} records are acknowledged, ends production, drains, and asserts the
     * per-message verdict: nothing lost, duplicated or reordered, no send failed.
     */
    VerificationReport finish(long minimum) throws InterruptedException {
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run.isDone() || run.acknowledged() >= minimum);
        } finally {
            run.stopProducing();
        }
        VerificationReport report = run.awaitReport();
        System.out.println("verifier: " + report.render(true));
        PerMessageVerdict.assertClean(report, minimum);
        return report;
    }

    @Override
    public void close() {
        run.close();
    }
}
