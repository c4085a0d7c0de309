package io.kafkaha.core.verify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict of one verification run. It passes when every acknowledged record was consumed (nothing lost),
 * no record was written twice (no duplicates), every partition kept the producer's order and no offset changed
 * its content (no log divergence). Failed sends are reported but do not fail the run: the producer was told, so
 * nothing the application believed written is missing.
 *
 * <p>{@link #render()} writes a {@code key: value} summary with stable keys, a blank line, then human details;
 * {@link #parseSummary(String)} reads the summary back for tests and scripts.
 *
 * @param acknowledged       sends the cluster acknowledged
 * @param consumed           distinct payloads of this run the consumer saw
 * @param lost               acknowledged payloads never consumed
 * @param firstLostIds       the lowest lost payload ids, at most {@link #DETAIL_LIMIT}
 * @param duplicates         payloads consumed at more than one distinct (partition, offset)
 * @param firstDuplicateIds  the lowest duplicated payload ids, at most {@link #DETAIL_LIMIT}
 * @param orderViolations    times a partition, read in offset order, went back to a lower sequence
 * @param offsetConflicts    offsets read twice with different payloads: the log was truncated and rewritten
 * @param failedSends        sends the producer reported as failed
 * @param notes              human diagnostics: where lost records were, the first order violations and conflicts
 * @param failureSummary     "count x exception: message" for the most frequent send failures
 * @param maxStall           longest time without any acknowledgement while producing
 */
public record VerificationReport(long acknowledged, long consumed, long lost, List<Long> firstLostIds,
        long duplicates, List<Long> firstDuplicateIds, long orderViolations, long offsetConflicts,
        long failedSends, List<String> notes, List<String> failureSummary, Duration maxStall,
        Duration latencyP50, Duration latencyP99, Duration latencyMax) {
    /** How many ids, order violations, offset conflicts or failure kinds the details list. */
    public static final int DETAIL_LIMIT = 10;

    public VerificationReport {
        firstLostIds = List.copyOf(firstLostIds);
        firstDuplicateIds = List.copyOf(firstDuplicateIds);
        notes = List.copyOf(notes);
        failureSummary = List.copyOf(failureSummary);
    }

    public boolean passed() {
        return lost == 0 && duplicates == 0 && orderViolations == 0 && offsetConflicts == 0;
    }

    /**
     * {@link #passed()}, and besides every send was acknowledged and there was at least one: what a healthy cluster
     * must show (a {@code helm test}), where a failover's refused sends would be a failure too.
     */
    public boolean passedStrictly() {
        return passed() && failedSends == 0 && acknowledged > 0;
    }

    public String render() {
        return render(false);
    }

    /** The report; with {@code strict}, {@code result} is {@link #passedStrictly()} and a failure says why. */
    public String render(boolean strict) {
        StringBuilder out = new StringBuilder();
        line(out, "acknowledged", acknowledged);
        line(out, "consumed", consumed);
        line(out, "lost", lost);
        line(out, "duplicates", duplicates);
        line(out, "order-violations", orderViolations);
        line(out, "offset-conflicts", offsetConflicts);
        line(out, "failed-sends", failedSends);
        line(out, "max-stall-ms", millis(maxStall));
        line(out, "latency-p50-ms", millis(latencyP50));
        line(out, "latency-p99-ms", millis(latencyP99));
        line(out, "latency-max-ms", millis(latencyMax));
        line(out, "result", (strict ? passedStrictly() : passed()) ? "PASS" : "FAIL");
        boolean strictFailure = strict && passed() && !passedStrictly();
        if (lost > 0 || duplicates > 0 || !notes.isEmpty() || !failureSummary.isEmpty() || strictFailure) {
            out.append('\n');
        }
        if (strictFailure) {
            out.append(acknowledged == 0 ? "strict: no record was acknowledged, so nothing was proven\n"
                    : "strict: " + failedSends + " sends failed; a healthy cluster acknowledges every send\n");
        }
        if (lost > 0) {
            out.append("lost payload ids (first ").append(firstLostIds.size()).append(" of ").append(lost)
                    .append("): ").append(joined(firstLostIds)).append('\n');
        }
        if (duplicates > 0) {
            out.append("duplicated payload ids (first ").append(firstDuplicateIds.size()).append(" of ")
                    .append(duplicates).append("): ").append(joined(firstDuplicateIds)).append('\n');
        }
        if (!notes.isEmpty()) {
            out.append("notes:\n");
            notes.forEach(note -> out.append("  ").append(note).append('\n'));
        }
        if (!failureSummary.isEmpty()) {
            out.append("send failures:\n");
            failureSummary.forEach(failure -> out.append("  ").append(failure).append('\n'));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** The {@code key: value} summary of a {@link #render() rendered} report, in order, details excluded. */
    public static Map<String, String> parseSummary(String rendered) {
        Map<String, String> summary = new LinkedHashMap<>();
        for (String line : rendered.split("\\R")) {
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(": ");
            if (colon > 0) {
                summary.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            }
        }
        return summary;
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(": ").append(value).append('\n');
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1_000_000.0);
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
