package io.kafkaha.core.plan;

/** What the {@link RollPlanner} says to do next; {@link #description()} is written for people. */
public sealed interface RollStep {

    /** Restart this node now (gracefully), then ask again once it was stopped. */
    record Restart(NodeState node, String description) implements RollStep {
    }

    /** Nothing may be restarted now; ask again later. */
    record Wait(String reason) implements RollStep {
        @Override
        public String description() {
            return "waiting: " + reason;
        }
    }

    /** Every node runs what the spec says. */
    record Done() implements RollStep {
        @Override
        public String description() {
            return "every node runs the current spec";
        }
    }

    String description();
}
