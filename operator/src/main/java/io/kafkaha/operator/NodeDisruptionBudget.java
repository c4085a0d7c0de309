package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kafkaha.core.spec.NodeRole;

/**
 * {@code N-controller} / {@code N-broker}: node drains evict at most one pod of a role at a time. With 3 replicas
 * and {@code min.insync.replicas=2} that keeps acks=all writes going and the controller quorum's majority; a
 * second voluntary eviction waits until the evicted pod is ready again.
 */
public final class NodeDisruptionBudget {
    private NodeDisruptionBudget() {
    }

    public static PodDisruptionBudget desired(DesiredCluster cluster, NodeRole role) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                    .withName(ResourceNames.disruptionBudget(cluster.name(), role))
                    .withNamespace(cluster.namespace())
                    .withLabels(Labels.forRole(cluster.name(), role))
                .endMetadata()
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector()
                        .withMatchLabels(Labels.selector(cluster.name(), role))
                    .endSelector()
                .endSpec()
                .build();
    }
}
