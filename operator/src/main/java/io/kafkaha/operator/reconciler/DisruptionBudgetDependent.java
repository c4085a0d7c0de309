package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeDisruptionBudget;
import io.kafkaha.operator.ResourceNames;

/** The PodDisruptionBudget of {@code N-controller} / {@code N-broker}. */
public abstract class DisruptionBudgetDependent extends ClusterDependent<PodDisruptionBudget> {
    private final NodeRole role;

    DisruptionBudgetDependent(NodeRole role) {
        super(PodDisruptionBudget.class);
        this.role = role;
    }

    @Override
    protected String name(String cluster) {
        return ResourceNames.disruptionBudget(cluster, role);
    }

    @Override
    protected PodDisruptionBudget build(DesiredCluster cluster) {
        return NodeDisruptionBudget.desired(cluster, role);
    }

    public static final class Controllers extends DisruptionBudgetDependent {
        public Controllers() {
            super(NodeRole.CONTROLLER);
        }
    }

    public static final class Brokers extends DisruptionBudgetDependent {
        public Brokers() {
            super(NodeRole.BROKER);
        }
    }
}
