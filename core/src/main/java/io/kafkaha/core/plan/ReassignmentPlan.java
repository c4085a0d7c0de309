package io.kafkaha.core.plan;

import java.util.List;

/** What {@link PartitionMovePlanner} decided: the moves to make, or why none may be made. */
public sealed interface ReassignmentPlan {
    /** The moves (possibly none: the placement already meets the goal). */
    record Moves(List<PartitionMove> moves) implements ReassignmentPlan {
        public Moves {
            moves = List.copyOf(moves);
        }

        public long copying() {
            return moves.stream().filter(PartitionMove::copiesData).count();
        }
    }

    /** The goal is refused; nothing may be moved. */
    record Refused(RefusalReason reason, String message) implements ReassignmentPlan {
    }

    enum RefusalReason {
        /** Fewer brokers would be left than a topic's replication factor. */
        FEWER_BROKERS_THAN_REPLICATION_FACTOR,
        /** Fewer brokers would be left than a topic's {@code min.insync.replicas} + 1. */
        FEWER_BROKERS_THAN_MIN_ISR_PLUS_ONE,
        /** The goal names a broker the cluster does not have, or would leave none. */
        UNKNOWN_OR_NO_BROKERS
    }
}
