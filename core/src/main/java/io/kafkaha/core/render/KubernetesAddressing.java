package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/**
 * Nodes as pods: every pod of a role listens on the role's fixed ports on all interfaces and is reached by its
 * stable DNS name through the role's headless service, {@code <pod>.<cluster>-<role>s.<namespace>.svc}.
 */
public record KubernetesAddressing(String cluster, String namespace) implements NodeAddressing {

    @Override
    public String bindHost() {
        return "";
    }

    @Override
    public String host(NodeRole role, int ordinal) {
        return podDnsName(ClusterNaming.node(cluster, role, ordinal), role);
    }

    @Override
    public int port(Listener listener, int ordinal) {
        return listener.podPort();
    }

    /** The DNS name of pod {@code pod}; with {@code $(VAR)} as the pod name it is a Kubernetes env reference. */
    public String podDnsName(String pod, NodeRole role) {
        return pod + "." + ClusterNaming.headlessService(cluster, role) + "." + namespace + ".svc";
    }
}
