package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.kafkaha.operator.BootstrapService;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.ResourceNames;

/** {@code N}: where clients bootstrap, port 9092. */
public final class BootstrapServiceDependent extends ClusterDependent<Service> {
    public BootstrapServiceDependent() {
        super(Service.class);
    }

    @Override
    protected String name(String cluster) {
        return ResourceNames.bootstrapService(cluster);
    }

    @Override
    protected Service build(DesiredCluster cluster) {
        return BootstrapService.desired(cluster);
    }
}
