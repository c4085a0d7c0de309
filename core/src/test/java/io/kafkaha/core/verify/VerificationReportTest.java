package io.kafkaha.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationReportTest {
    private static VerificationReport report(long lost, long duplicates, long orderViolations, long conflicts,
            long failedSends) {
        return new VerificationReport(1_000, 1_000 - lost, lost, lost > 0 ? List.of(4L, 9L) : List.of(),
                duplicates, duplicates > 0 ? List.of(12L) : List.of(), orderViolations, conflicts, failedSends,
                List.of(), failedSends > 0 ? List.of("2 x TimeoutException: expired") : List.of(),
                Duration.ofMillis(9_250), Duration.ofNanos(3_140_000), Duration.ofMillis(45),
                Duration.ofMillis(9_300));
    }

    @Test
    void rendersEveryStableKeyInOrder() {
        Map<String, String> summary = VerificationReport.parseSummary(report(0, 0, 0, 0, 0).render());

        assertThat(summary).containsExactly(
                Map.entry("acknowledged", "1000"),
                Map.entry("consumed", "1000"),
                Map.entry("lost", "0"),
                Map.entry("duplicates", "0"),
                Map.entry("order-violations", "0"),
                Map.entry("offset-conflicts", "0"),
                Map.entry("failed-sends", "0"),
                Map.entry("max-stall-ms", "9250.0"),
                Map.entry("latency-p50-ms", "3.1"),
                Map.entry("latency-p99-ms", "45.0"),
                Map.entry("latency-max-ms", "9300.0"),
                Map.entry("result", "PASS"));
    }

    @Test
    void passesDespiteFailedSends() {
        VerificationReport report = report(0, 0, 0, 0, 2);

        assertThat(report.passed()).isTrue();
        assertThat(report.render()).contains("failed-sends: 2", "result: PASS", "send failures:",
                "  2 x TimeoutException: expired");
    }

    @Test
    void strictlyAFailedSendOrANoAcknowledgementFailsTooAndSaysWhy() {
        VerificationReport failedSends = report(0, 0, 0, 0, 2);
        VerificationReport nothingAcknowledged = new VerificationReport(0, 0, 0, List.of(), 0, List.of(), 0, 0, 0,
                List.of(), List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        assertThat(report(0, 0, 0, 0, 0).passedStrictly()).isTrue();
        assertThat(report(0, 0, 0, 0, 0).render(true)).contains("result: PASS").doesNotContain("strict:");
        assertThat(failedSends.passedStrictly()).isFalse();
        assertThat(VerificationReport.parseSummary(failedSends.render(true))).containsEntry("result", "FAIL");
        assertThat(failedSends.render(true)).contains("strict: 2 sends failed");
        assertThat(nothingAcknowledged.passed()).isTrue();
        assertThat(nothingAcknowledged.passedStrictly()).isFalse();
        assertThat(nothingAcknowledged.render(true)).contains("result: FAIL")
                .contains("strict: no record was acknowledged");
        assertThat(report(2, 0, 0, 0, 0).passedStrictly()).isFalse();
    }

    @Test
    void failsOnLossDuplicationReorderingOrConflict() {
        assertThat(report(2, 0, 0, 0, 0).passed()).isFalse();
        assertThat(report(0, 1, 0, 0, 0).passed()).isFalse();
        assertThat(report(0, 0, 1, 0, 0).passed()).isFalse();
        assertThat(report(0, 0, 0, 1, 0).passed()).isFalse();
        assertThat(VerificationReport.parseSummary(report(2, 0, 0, 0, 0).render())).containsEntry("result", "FAIL");
    }

    @Test
    void detailsFollowTheSummaryAfterABlankLine() {
        String rendered = report(2, 1, 0, 0, 0).render();

        assertThat(rendered).contains("result: FAIL\n\nlost payload ids (first 2 of 2): 4, 9\n"
                + "duplicated payload ids (first 1 of 1): 12\n");
        assertThat(VerificationReport.parseSummary(rendered)).hasSize(12).doesNotContainKey("lost payload ids");
    }

    @Test
    void aPassingReportHasNoDetails() {
        assertThat(report(0, 0, 0, 0, 0).render()).endsWith("result: PASS\n");
    }

    @Test
    void rendersTheLedgersReport() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.acknowledged(0, 0, 0, 1_000_000, 1_000_000);

        assertThat(VerificationReport.parseSummary(ledger.report().render()))
                .containsEntry("acknowledged", "1")
                .containsEntry("lost", "1")
                .containsEntry("result", "FAIL");
    }
}
