package io.kafkaha.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.verify.VerificationReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillTableTest {

    @Test
    void oneRowPerFaultWithCellsScriptsCanSplit() {
        FaultResult passed = new FaultResult("broker-kill", Optional.of(Injection.of("SIGKILL b", 0)),
                Optional.of(report(20_000, 0)), Optional.of(Duration.ofMillis(14_250)), List.of());
        FaultResult notInjected = FaultResult.notInjected("two-brokers-down", "needs at least 3 brokers");

        assertThat(DrillTable.lines(List.of(passed, notInjected))).containsExactly(
                "fault             acked  lost  duplicates  reordered  failed-sends  max-stall  recovered-in  result",
                "broker-kill       20000  0     0           0          0             1.2s       14.3s         PASS",
                "two-brokers-down  -      -     -           -          -             -          -             FAIL");
    }

    @Test
    void aFaultFailsOnLossOnItsOwnViolationsOrWithoutRecovery() {
        Injection clean = Injection.of("x", 0);
        Injection acked = new Injection("x", 0, List.of("3 probe writes acknowledged"), List.of());
        Duration recovered = Duration.ofSeconds(1);
        assertThat(result(clean, report(100, 0), recovered).passed()).isTrue();
        assertThat(result(clean, report(100, 2), recovered).passed()).isFalse();
        assertThat(result(acked, report(100, 0), recovered).passed()).isFalse();
        assertThat(result(clean, report(100, 0), null).passed()).isFalse();

        assertThat(DrillTable.detail(result(acked, report(100, 2), recovered))).contains(
                "  FAIL: 3 probe writes acknowledged",
                "  FAIL: the verifier found 2 lost, 0 duplicated, 0 reordered, 0 rewritten offsets");
    }

    private static FaultResult result(Injection injection, VerificationReport report, Duration recovered) {
        return new FaultResult("f", Optional.of(injection), Optional.of(report), Optional.ofNullable(recovered),
                List.of());
    }

    private static VerificationReport report(long acked, long lost) {
        return new VerificationReport(acked, acked - lost, lost, List.of(), 0, List.of(), 0, 0, 0, List.of(),
                List.of(), Duration.ofMillis(1_234), Duration.ofMillis(5), Duration.ofMillis(9), Duration.ofMillis(20));
    }
}
