package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.HeadlessService;
import io.kafkaha.operator.ResourceNames;

/** {@code N-controllers} / {@code N-brokers}, the pods' DNS names. */
public abstract class HeadlessServiceDependent extends ClusterDependent<Service> {
    private final NodeRole role;

    HeadlessServiceDependent(NodeRole role) {
        super(Service.class);
        this.role = role;
    }

    @Override
    protected String name(String cluster) {
        return ResourceNames.headlessService(cluster, role);
    }

    @Override
    protected Service build(DesiredCluster cluster) {
        return HeadlessService.desired(cluster, role);
    }

    public static final class Controllers extends HeadlessServiceDependent {
        public Controllers() {
            super(NodeRole.CONTROLLER);
        }
    }

    public static final class Brokers extends HeadlessServiceDependent {
        public Brokers() {
            super(NodeRole.BROKER);
        }
    }
}
