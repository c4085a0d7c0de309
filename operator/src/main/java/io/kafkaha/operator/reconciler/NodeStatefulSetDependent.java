package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import io.kafkaha.operator.ResourceNames;

/** {@code N-controller} / {@code N-broker}; one subclass per role because JOSDK instantiates dependents by class. */
public abstract class NodeStatefulSetDependent extends ClusterDependent<StatefulSet> {
    private final NodeRole role;

    NodeStatefulSetDependent(NodeRole role) {
        super(StatefulSet.class);
        this.role = role;
    }

    @Override
    protected String name(String cluster) {
        return ResourceNames.statefulSet(cluster, role);
    }

    @Override
    protected StatefulSet build(DesiredCluster cluster) {
        return NodeStatefulSet.desired(cluster, role);
    }

    public static final class Controllers extends NodeStatefulSetDependent {
        public Controllers() {
            super(NodeRole.CONTROLLER);
        }
    }

    public static final class Brokers extends NodeStatefulSetDependent {
        public Brokers() {
            super(NodeRole.BROKER);
        }
    }
}
