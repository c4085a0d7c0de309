package io.kafkaha.core.plan;

/**
 * A broker the planner may place replicas on.
 *
 * @param rack its {@code broker.rack}, or {@code null} when it has none
 */
public record BrokerSlot(int id, String rack) {
}
