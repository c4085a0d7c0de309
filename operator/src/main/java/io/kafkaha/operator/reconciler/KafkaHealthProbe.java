package io.kafkaha.operator.reconciler;

import io.kafkaha.operator.DesiredCluster;

/**
 * Kafka's own view of a cluster, for the Ready condition and the roll planner. Behind an interface so operator
 * tests can stand in for Kafka, and so an operator that cannot reach the pods (out of cluster) leaves it out.
 */
@FunctionalInterface
public interface KafkaHealthProbe {
    /**
     * Kafka cannot be asked: Ready trusts the StatefulSets' readiness (the readiness probes already require each
     * node to listen), and no roll ever restarts a pod, since the planner never restarts blind.
     */
    KafkaHealthProbe NONE = cluster -> KafkaView.unreachable("the operator has no connection to the brokers;"
            + " it must run inside the cluster to restart pods safely");

    /** What Kafka says about the cluster, or why it could not be asked. */
    KafkaView observe(DesiredCluster cluster);
}
