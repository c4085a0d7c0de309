package io.kafkaha.cli.drill;

import io.kafkaha.cli.client.TextTable;
import io.kafkaha.core.verify.VerificationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints fault results: one row per fault, cells without spaces so scripts can split them. Columns: records the
 * cluster acknowledged, of those lost, duplicated, reordered; sends the producer was told failed; the longest time
 * without any acknowledgement; from the repair until the cluster was fully redundant again; the verdict.
 */
public final class DrillTable {
    static final String[] HEADER = {"fault", "acked", "lost", "duplicates", "reordered", "failed-sends",
        "max-stall", "recovered-in", "result"};

    private DrillTable() {
    }

    public static List<String> lines(List<FaultResult> results) {
        TextTable table = new TextTable("", HEADER);
        results.forEach(result -> table.row(cells(result)));
        return table.lines();
    }

    /** A fault's table, then what was done and, if it failed, why. */
    public static List<String> detail(FaultResult result) {
        List<String> lines = new ArrayList<>(lines(List.of(result)));
        result.skipped().ifPresent(reason -> lines.add("  not possible here: " + reason));
        result.injection().ifPresent(done -> {
            lines.add("  " + done.what());
            done.notes().forEach(note -> lines.add("  " + note));
        });
        result.report().ifPresent(report -> {
            report.failureSummary().forEach(failure -> lines.add("  send failures: " + failure));
            report.notes().forEach(note -> lines.add("  verifier: " + note));
        });
        result.failures().forEach(failure -> lines.add("  FAIL: " + failure));
        return lines;
    }

    static Object[] cells(FaultResult result) {
        String verdict = result.skipped().isPresent() ? "SKIPPED" : result.passed() ? "PASS" : "FAIL";
        if (result.report().isEmpty()) {
            return new Object[] {result.fault(), "-", "-", "-", "-", "-", "-", seconds(result.recovered()), verdict};
        }
        VerificationReport report = result.report().get();
        return new Object[] {result.fault(), report.acknowledged(), report.lost(), report.duplicates(),
            report.orderViolations(), report.failedSends(), seconds(report.maxStall()),
            seconds(result.recovered()), verdict};
    }

    private static String seconds(java.util.Optional<Duration> duration) {
        return duration.map(DrillTable::seconds).orElse("-");
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
    }
}
