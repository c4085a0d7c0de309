package io.kafkaha.operator.roll;

import io.kafkaha.api.v1beta1.RollStatus;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.plan.RollPlanner;
import io.kafkaha.core.plan.RollStep;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One reconciliation's turn of a rolling restart, decided without I/O: the planner's step, the words for the
 * {@code Rolling} condition, and the roll's status to store. A roll that makes no progress for {@link
 * #STALL_TIMEOUT} (a restarted pod that does not come back, a partition that does not catch up) is reported as
 * stalled; it still never restarts another pod until the planner allows it.
 *
 * @param step     what the planner says
 * @param reason   the Rolling condition's reason ({@value #RESTARTING}, {@value #WAITING}, {@value #STALLED} or
 *                 {@value #UP_TO_DATE})
 * @param message  the Rolling condition's message, e.g. "restarting kafka-broker-1 (config changed), 1 of 3 done"
 * @param status   the roll's status to store, null once every pod runs the current spec
 */
public record RollTurn(RollStep step, String reason, String message, RollStatus status) {
    public static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);
    public static final String RESTARTING = "Restarting";
    public static final String WAITING = "Waiting";
    public static final String STALLED = "Stalled";
    public static final String UP_TO_DATE = "UpToDate";

    public static RollTurn decide(List<NodeState> nodes, Optional<ClusterHealth> kafka, String kafkaError,
                                  RollStatus previous, Instant now) {
        RollStep step = RollPlanner.next(nodes, kafka, kafkaError);
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (step instanceof RollStep.Done done) {
            return new RollTurn(step, UP_TO_DATE, done.description(), null);
        }
        // The roll's size is fixed when it starts, so "2 of 6 done" still counts the controllers once they are done.
        int pending = ClusterNodes.pending(nodes);
        int size = previous != null && previous.getPods() != null ? Math.max(previous.getPods(), pending)
                : ClusterNodes.rollSize(nodes);
        String progress = (size - pending) + " of " + size + " done";
        if (step instanceof RollStep.Restart restart) {
            String restarted = restart.node().name() + " (" + restart.node().pending().description() + ")";
            return new RollTurn(step, RESTARTING, restart.description().replaceFirst("^restart", "restarting")
                    + ", " + progress, new RollStatus(time, restarted, size));
        }
        RollStatus status = previous != null && previous.getLastProgressTime() != null
                ? new RollStatus(previous.getLastProgressTime(), previous.getLastRestart(), size)
                : new RollStatus(time, null, size);
        Duration waited = Duration.between(Instant.parse(status.getLastProgressTime()), now);
        String message = step.description() + " (" + progress + ")";
        if (waited.compareTo(STALL_TIMEOUT) > 0) {
            return new RollTurn(step, STALLED, "no progress for " + waited.toMinutes() + " min"
                    + (status.getLastRestart() == null ? "" : " since restarting " + status.getLastRestart())
                    + "; no other pod is restarted until this clears: " + message, status);
        }
        return new RollTurn(step, WAITING, message, status);
    }

    public boolean isRolling() {
        return status != null;
    }
}
