package io.kafkaha.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Medians and the number formats of the report. */
final class Stats {
    private Stats() {
    }

    static OptionalDouble median(List<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return OptionalDouble.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }

    static String fixed(OptionalDouble value, int decimals) {
        return value.isPresent() ? fixed(value.getAsDouble(), decimals) : "–";
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Whole numbers with thousands separators: 41,234. */
    static String whole(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,d", Math.round(value.getAsDouble())) : "–";
    }

    static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
        return numerator.isPresent() && denominator.isPresent() && denominator.getAsDouble() > 0
                ? OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble()) : OptionalDouble.empty();
    }
}
