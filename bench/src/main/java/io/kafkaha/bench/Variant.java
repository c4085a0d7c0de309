package io.kafkaha.bench;

/** The two sides of every comparison. */
enum Variant {
    /** {@code kafka-ha local up}: the rendered config, the pods' start script, kafka-ha's readiness wait. */
    KAFKA_HA("kafka-ha"),
    /** The same Kafka jars started by hand, quickstart style, with Kafka's default configuration. */
    BASELINE("baseline");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
