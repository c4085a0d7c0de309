package io.kafkaha.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long each reconciliation took, JOSDK's whole controller execution (reconcile and the status patch), at
 * DEBUG: {@code reconciled NAMESPACE/NAME in N ms}. Off unless this logger is raised, e.g.
 * {@code -Dorg.slf4j.simpleLogger.log.io.kafkaha.operator.runtime.ReconcileTimes=debug}; the footprint benchmark
 * reads these lines to time no-op reconciliations.
 */
public final class ReconcileTimes implements Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileTimes.class);

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        if (!LOG.isDebugEnabled()) {
            return execution.execute();
        }
        long start = System.nanoTime();
        try {
            return execution.execute();
        } finally {
            LOG.debug("{} {}/{} in {} ms", execution.name(), execution.resourceID().getNamespace().orElse(""),
                    execution.resourceID().getName(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
