package io.kafkaha.bench;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A cold start until healthy.
 *
 * @param wall       elapsed time, the benchmark's figure
 * @param cpuSeconds CPU time the cluster's own processes (and, for kafka-ha, its CLI) used to get there: far less
 *                   sensitive than {@code wall} to what else runs on the machine
 */
record Startup(Duration wall, OptionalDouble cpuSeconds) {

    double wallSeconds() {
        return wall.toNanos() / 1e9;
    }
}
