package io.kafkaha.bench;

import io.kafkaha.core.verify.VerificationReport;
import java.time.Duration;
import java.util.Map;

/**
 * One side's roll under load.
 *
 * @param report   the verifier's verdict on the traffic that ran through the whole roll and its tail
 * @param rollTime from the first node's stop to the roll's end (ours: 'local roll' returned; naive: the last
 *                 node's port accepted)
 * @param restarts each node's own restart: stop begun → port accepting again
 */
record RollResult(VerificationReport report, Duration rollTime, Map<String, Duration> restarts) {
    RollResult {
        restarts = Map.copyOf(restarts);
    }

    double rollSeconds() {
        return rollTime.toMillis() / 1000.0;
    }

    double restartSumSeconds() {
        return restarts.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
    }

    /** Roll time over the sum of the nodes' own restart times: 1.0 means no time spent between restarts. */
    double overhead() {
        return rollSeconds() / restartSumSeconds();
    }
}
