package io.kafkaha.operator.reconciler;

import io.kafkaha.operator.DesiredCluster;
import java.util.List;

/**
 * Kafka's own view of a cluster whose pods are all ready (brokers registered, a quorum leader), for the Ready
 * condition. Behind an interface so operator tests need no Kafka, and so an operator that cannot reach the pods
 * (out of cluster) can leave it out.
 */
@FunctionalInterface
public interface KafkaHealthProbe {
    /** Trusts the StatefulSets' readiness (readiness probes already require each broker to serve). */
    KafkaHealthProbe NONE = cluster -> List.of();

    /** Why Kafka does not consider the cluster ready yet, one message per problem; empty when it does. */
    List<String> problems(DesiredCluster cluster);
}
