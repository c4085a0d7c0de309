package io.kafkaha.core.plan;

import java.util.Set;

/** What {@link PartitionMovePlanner} should reach. */
public sealed interface MoveGoal {
    /** No replica left on these brokers (before they are removed); the rest moves only where needed. */
    record EmptyBrokers(Set<Integer> brokers) implements MoveGoal {
        public EmptyBrokers {
            brokers = Set.copyOf(brokers);
        }
    }

    /** Replicas and preferred leaders spread evenly over every broker, new ones included. */
    record SpreadEvenly() implements MoveGoal {
    }
}
