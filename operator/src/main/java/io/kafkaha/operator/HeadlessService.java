package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kafkaha.core.spec.NodeRole;

/**
 * {@code N-controllers} / {@code N-brokers}: the headless Service that gives each pod of a role its stable DNS
 * name ({@code N-broker-0.N-brokers.NS.svc}), the name nodes advertise and controllers form the quorum with.
 */
public final class HeadlessService {
    private HeadlessService() {
    }

    public static Service desired(DesiredCluster cluster, NodeRole role) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(ResourceNames.headlessService(cluster.name(), role))
                    .withNamespace(cluster.namespace())
                    .withLabels(Labels.forRole(cluster.name(), role))
                .endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    // DNS names must resolve before pods are ready: controllers cannot become ready without
                    // reaching each other, and a broker needs the quorum to start.
                    .withPublishNotReadyAddresses(true)
                    .withSelector(Labels.selector(cluster.name(), role))
                    .withPorts(ListenerPorts.servicePorts(role))
                .endSpec()
                .build();
    }
}
