package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.spec.NodeRole;

/**
 * {@code N}: where clients bootstrap, {@code N:9092} in the namespace ({@code kafka:9092} for a cluster named
 * {@code kafka}, the seed's address). A ClusterIP Service over ready brokers only, so a client's first
 * connection never lands on a broker that does not serve yet; after it, clients use the advertised pod names.
 */
public final class BootstrapService {
    private BootstrapService() {
    }

    public static Service desired(DesiredCluster cluster) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(ResourceNames.bootstrapService(cluster.name()))
                    .withNamespace(cluster.namespace())
                    .withLabels(Labels.forCluster(cluster.name()))
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Labels.selector(cluster.name(), NodeRole.BROKER))
                    .withPorts(ListenerPorts.servicePort(Listener.CLIENT))
                .endSpec()
                .build();
    }
}
