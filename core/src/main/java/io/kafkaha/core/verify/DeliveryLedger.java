package io.kafkaha.core.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything one verification run observed, and the {@link VerificationReport} that follows from it. Thread-safe:
 * the producer's callback thread, the consumer thread and the caller record into it concurrently. Times are
 * {@link System#nanoTime()} values passed in by the caller, so the logic is deterministic under test.
 *
 * <p>The algorithm, keyed on payload ids (the producer's sequence numbers):
 * <ul>
 *   <li><b>lost</b>: acknowledged ids never consumed. Acknowledgement and consumption may arrive in either order
 *       (the consumer can see a record before the producer's callback runs), so both sides are kept as sets.</li>
 *   <li><b>duplicates</b>: ids consumed at more than one distinct (partition, offset). Reading the same offset
 *       again (a consumer re-fetching after a failover) is a re-delivery, not a duplicate write.</li>
 *   <li><b>order violations</b>: per partition, records taken in offset order whose sequence is lower than the
 *       one before. The producer sends increasing sequences and an idempotent producer keeps partition order.</li>
 *   <li><b>offset conflicts</b>: an offset read twice with different payloads; only a truncated and rewritten
 *       log (unclean leader election) does that, and whatever was there first is gone.</li>
 *   <li><b>max stall</b>: the longest gap in the sequence start, acknowledgements..., and producing end (the last
 *       only if nothing was acknowledged after it): how long the application could not get a write through.</li>
 *   <li><b>latency</b>: nearest-rank percentiles of send-to-acknowledgement times.</li>
 * </ul>
 */
public final class DeliveryLedger {
    private record Location(int partition, long offset) {
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private long startNanos;
    private boolean started;
    private long endNanos;
    private boolean ended;

    private final Map<Long, Location> acknowledged = new HashMap<>();
    private final LongList ackTimes = new LongList();
    private final LongList latencies = new LongList();

    private final Set<Long> consumedIds = new HashSet<>();
    private final Map<Integer, TreeMap<Long, Long>> consumedByPartition = new HashMap<>();
    private final Set<Long> duplicateIds = new HashSet<>();
    private final List<String> offsetConflicts = new ArrayList<>();
    private long offsetConflictCount;
    /** Ids both acknowledged and consumed, kept as a counter so "is everything consumed?" is O(1). */
    private long acknowledgedAndConsumed;

    private long failedSends;
    private final Map<String, Long> failuresByKind = new LinkedHashMap<>();

    public synchronized void producingStarted(long nanos) {
        startNanos = nanos;
        started = true;
    }

    public synchronized void producingEnded(long nanos) {
        endNanos = nanos;
        ended = true;
    }

    public synchronized void acknowledged(long id, int partition, long offset, long latencyNanos, long ackNanos) {
        if (acknowledged.putIfAbsent(id, new Location(partition, offset)) != null) {
            return; // a send is acknowledged once; ignore a second report rather than double count
        }
        ackTimes.add(ackNanos);
        latencies.add(latencyNanos);
        if (consumedIds.contains(id)) {
            acknowledgedAndConsumed++;
            notifyIfAllConsumed();
        }
    }

    public synchronized void failed(long id, Throwable error) {
        failedSends++;
        failuresByKind.merge(failureKind(error), 1L, Long::sum);
    }

    /**
     * Groups failures by exception and message with numbers masked: Kafka puts record counts, partitions and
     * elapsed millis into its messages, which would otherwise split one cause into many lines.
     */
    static String failureKind(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + NUMBER.matcher(error.getMessage()).replaceAll("N");
        return error.getClass().getName() + message;
    }

    public synchronized void consumed(int partition, long offset, long id) {
        TreeMap<Long, Long> offsets = consumedByPartition.computeIfAbsent(partition, p -> new TreeMap<>());
        Long previous = offsets.put(offset, id);
        if (previous != null) {
            if (previous != id) {
                offsetConflictCount++;
                if (offsetConflicts.size() < VerificationReport.DETAIL_LIMIT) {
                    offsetConflicts.add("partition " + partition + " offset " + offset + " held payload "
                            + previous + ", later payload " + id + " (log truncated and rewritten)");
                }
            } else {
                return; // the same record read again: a re-delivery, not a duplicate
            }
        }
        if (!consumedIds.add(id)) {
            duplicateIds.add(id);
            return;
        }
        if (acknowledged.containsKey(id)) {
            acknowledgedAndConsumed++;
            notifyIfAllConsumed();
        }
    }

    public synchronized long acknowledgedCount() {
        return acknowledged.size();
    }

    /** Distinct payloads consumed so far. */
    public synchronized long consumedCount() {
        return consumedIds.size();
    }

    public synchronized long failedCount() {
        return failedSends;
    }

    /** Acknowledged payloads the consumer has not seen yet. */
    public synchronized long pendingCount() {
        return acknowledged.size() - acknowledgedAndConsumed;
    }

    /** Waits until every acknowledged payload so far was consumed; false if {@code timeout} passed first. */
    public synchronized boolean awaitAllAcknowledgedConsumed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pendingCount() > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    private void notifyIfAllConsumed() {
        if (acknowledgedAndConsumed == acknowledged.size()) {
            notifyAll();
        }
    }

    public synchronized VerificationReport report() {
        List<Long> lost = acknowledged.keySet().stream().filter(id -> !consumedIds.contains(id)).sorted().toList();
        List<String> notes = new ArrayList<>(lostNotes(lost));
        long orderViolations = countOrderViolations(notes);
        notes.addAll(offsetConflicts);
        List<String> failureSummary = failuresByKind.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(VerificationReport.DETAIL_LIMIT)
                .map(entry -> entry.getValue() + " x " + entry.getKey())
                .toList();
        long[] sortedLatencies = latencies.sorted();
        return new VerificationReport(acknowledged.size(), consumedIds.size(), lost.size(),
                lost.stream().limit(VerificationReport.DETAIL_LIMIT).toList(),
                duplicateIds.size(), duplicateIds.stream().sorted().limit(VerificationReport.DETAIL_LIMIT).toList(),
                orderViolations, offsetConflictCount, failedSends, notes, failureSummary, maxStall(),
                Duration.ofNanos(percentile(sortedLatencies, 0.50)),
                Duration.ofNanos(percentile(sortedLatencies, 0.99)),
                Duration.ofNanos(sortedLatencies.length == 0 ? 0 : sortedLatencies[sortedLatencies.length - 1]));
    }

    /**
     * Tells apart records the log no longer holds (acknowledged below an offset the consumer already read past)
     * from records the consumer never reached (drain timeout too short, or the consumer got stuck).
     */
    private List<String> lostNotes(List<Long> lost) {
        if (lost.isEmpty()) {
            return List.of();
        }
        long withinConsumedRange = lost.stream().filter(id -> {
            Location location = acknowledged.get(id);
            TreeMap<Long, Long> offsets = consumedByPartition.get(location.partition());
            return offsets != null && offsets.lastKey() > location.offset();
        }).count();
        List<String> notes = new ArrayList<>();
        if (withinConsumedRange > 0) {
            notes.add(withinConsumedRange + " lost record(s) lie below offsets the consumer read: the log no longer"
                    + " holds them");
        }
        if (withinConsumedRange < lost.size()) {
            notes.add((lost.size() - withinConsumedRange) + " lost record(s) lie beyond what the consumer read: it"
                    + " never got that far (drain timeout too short, or the consumer was stuck)");
        }
        for (long id : lost.subList(0, Math.min(lost.size(), VerificationReport.DETAIL_LIMIT))) {
            Location location = acknowledged.get(id);
            notes.add("lost payload " + id + " was acknowledged at partition " + location.partition() + " offset "
                    + location.offset());
        }
        return notes;
    }

    private long countOrderViolations(List<String> notes) {
        long violations = 0;
        int listed = 0;
        List<Integer> partitions = consumedByPartition.keySet().stream().sorted(Comparator.naturalOrder()).toList();
        for (int partition : partitions) {
            long previousOffset = -1;
            long previousId = Long.MIN_VALUE;
            for (Map.Entry<Long, Long> record : consumedByPartition.get(partition).entrySet()) {
                if (record.getValue() < previousId) {
                    violations++;
                    if (listed++ < VerificationReport.DETAIL_LIMIT) {
                        notes.add("partition " + partition + " offset " + record.getKey() + ": payload "
                                + record.getValue() + " after payload " + previousId + " at offset " + previousOffset);
                    }
                }
                previousOffset = record.getKey();
                previousId = record.getValue();
            }
        }
        return violations;
    }

    private Duration maxStall() {
        if (!started) {
            return Duration.ZERO;
        }
        long[] times = ackTimes.sorted();
        long longest = 0;
        long previous = startNanos;
        for (long time : times) {
            if (time > previous) {
                longest = Math.max(longest, time - previous);
                previous = time;
            }
        }
        // Silence up to the end of producing is a stall too, unless acknowledgements came after it.
        if (ended && endNanos > previous) {
            longest = Math.max(longest, endNanos - previous);
        }
        return Duration.ofNanos(longest);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code fraction} of the values at or below it. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** A growable array of longs: a run at a high rate records millions of values, boxed they would crowd memory. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
