package io.kafkaha.cli.drill;

import java.time.Duration;

/**
 * How a drill runs each fault.
 *
 * @param topic            the verification topic
 * @param recordsPerFault  at least this many sends per fault (more when the fault lasts longer than
 *                         {@code recordsPerFault / rate} seconds: the producer keeps its rate throughout)
 * @param rate             records per second
 * @param downFor          how long killed nodes stay down before they are started again
 * @param pauseFor         how long a paused broker stays frozen
 * @param isolateFor       how long an isolated broker stays cut off the network
 * @param recoverTimeout   how long the cluster may take to be fully redundant again after a repair
 */
public record DrillSettings(String topic, long recordsPerFault, int rate, Duration downFor, Duration pauseFor,
                            Duration isolateFor, Duration recoverTimeout) {
    /** Acknowledged records before a fault is injected: enough to show nothing written before it is lost. */
    public long warmUpRecords() {
        return Math.max(1, Math.min(recordsPerFault / 4, rate * 2L));
    }
}
