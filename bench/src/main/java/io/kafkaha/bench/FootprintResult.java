package io.kafkaha.bench;

import java.util.List;

/**
 * One operator run of the footprint benchmark.
 *
 * @param startSeconds         operator process start → "Operator started" in its log
 * @param createToReadySeconds per cluster: created → its Ready condition True (as the benchmark's watch saw it)
 * @param noOpReconcileMillis  per cluster: the duration the operator logged for a reconciliation with nothing to do
 * @param requestsPerNoOp      per cluster: the operator's API requests from the trigger until that reconciliation ended
 * @param writesPerNoOp        per cluster: how many of those were writes
 * @param idleSeconds          length of the idle period
 * @param idleRequests         the operator's API requests during the idle period
 * @param idleWrites           how many of those were writes
 * @param cpuSeconds           the operator process's user + system CPU time over the whole run
 * @param jvm                  memory and threads at the end, after the no-op reconciliations
 */
record FootprintResult(int clusters, OperatorProcess.Launch launch, double startSeconds,
                       List<Double> createToReadySeconds, List<Double> noOpReconcileMillis,
                       List<Integer> requestsPerNoOp, List<Integer> writesPerNoOp, long idleSeconds,
                       int idleRequests, int idleWrites, double cpuSeconds, JvmFootprint jvm) {
}
