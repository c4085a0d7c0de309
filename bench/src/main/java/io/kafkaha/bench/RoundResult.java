package io.kafkaha.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One round: both variants, in {@code order}, each on a cluster of its own started from nothing.
 *
 * @param measured what each variant measured; a variant that failed every attempt is absent
 * @param failures one line per failed attempt, kept for the report
 */
record RoundResult(int number, List<Variant> order, Map<Variant, Measurement> measured, List<String> failures) {

    /** One variant's figures in one round. */
    record Measurement(Startup startup, ProduceBenchmark.ProduceResult produce) {
    }

    Optional<Measurement> of(Variant variant) {
        return Optional.ofNullable(measured.get(variant));
    }

    boolean complete() {
        return measured.size() == Variant.values().length;
    }

    String orderLabel() {
        return order.get(0).label() + " first";
    }
}
