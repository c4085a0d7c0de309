package io.kafkaha.cli.local;

import java.util.Map;

/**
 * The JVM options Kafka's processes get on one machine: Kafka's own defaults plus the C1 compiler only. A node
 * spends most of its start compiling with C2; six nodes starting or rolling on a laptop (or a 2-core test
 * machine) fight over the CPU for it, which costs far more than C2's faster steady state gains at the rates a
 * local cluster serves. Measured to readiness of a 1+1 cluster: broker 9.7-12.8 CPU-seconds with Kafka's
 * defaults, 6.6 with these; controller 9.2-11.2 and 5.1. A user's own {@code KAFKA_JVM_PERFORMANCE_OPTS} wins.
 * Pods on Kubernetes keep the image's defaults: this is about sharing one machine, not about Kafka.
 */
public final class FastStartJvm {
    public static final String VARIABLE = "KAFKA_JVM_PERFORMANCE_OPTS";
    /** Kafka's defaults (kafka-run-class.sh) with tiered compilation stopped at C1. */
    public static final String OPTIONS = "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20"
            + " -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15"
            + " -Djava.awt.headless=true -XX:TieredStopAtLevel=1";

    private FastStartJvm() {
    }

    /** Sets {@link #VARIABLE} in a node's environment, to the user's value if {@code inherited} has one. */
    public static void apply(Map<String, String> env, Map<String, String> inherited) {
        env.put(VARIABLE, inherited.getOrDefault(VARIABLE, OPTIONS));
    }
}
