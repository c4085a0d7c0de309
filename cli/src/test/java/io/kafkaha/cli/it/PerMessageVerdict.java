package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.verify.VerificationReport;

/** The HA claim, judged per message, for every IT that runs the verifier (the kubelet module's too). */
public final class PerMessageVerdict {
    private PerMessageVerdict() {
    }

    /** Nothing lost, duplicated or reordered, no send failed, and at least {@code minimum} records acknowledged. */
    public static void assertClean(VerificationReport report, long minimum) {
        assertThat(report.lost()).as(report.render(true)).isZero();
        assertThat(report.duplicates()).as(report.render(true)).isZero();
        assertThat(report.orderViolations()).as(report.render(true)).isZero();
        assertThat(report.failedSends()).as(report.render(true)).isZero();
        assertThat(report.acknowledged()).as(report.render(true)).isGreaterThanOrEqualTo(minimum);
    }
}
