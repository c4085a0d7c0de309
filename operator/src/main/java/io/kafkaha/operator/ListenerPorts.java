package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.spec.NodeRole;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The pods' ports, one per Kafka listener of the role, named after the listener (container and Services alike). */
public final class ListenerPorts {
    private ListenerPorts() {
    }

    /** {@code client}, {@code replication}, {@code controller}. */
    public static String name(Listener listener) {
        return listener.name().toLowerCase(Locale.ROOT);
    }

    public static List<Listener> of(NodeRole role) {
        return Arrays.stream(Listener.values()).filter(listener -> listener.role() == role).toList();
    }

    /** The listener whose open port tells that a node of the role serves: clients' for brokers, the quorum's. */
    public static Listener serving(NodeRole role) {
        return role == NodeRole.BROKER ? Listener.CLIENT : Listener.CONTROLLER;
    }

    public static List<ContainerPort> containerPorts(NodeRole role) {
        return of(role).stream().map(listener -> new ContainerPortBuilder()
                .withName(name(listener))
                .withContainerPort(listener.podPort())
                .withProtocol("TCP")
                .build()).toList();
    }

    public static List<ServicePort> servicePorts(NodeRole role) {
        return of(role).stream().map(ListenerPorts::servicePort).toList();
    }

    /** The Service port of {@code listener}, forwarding to the pods' port of the same name and number. */
    public static ServicePort servicePort(Listener listener) {
        return new ServicePortBuilder()
                .withName(name(listener))
                .withPort(listener.podPort())
                .withTargetPort(new IntOrString(name(listener)))
                .withProtocol("TCP")
                .build();
    }
}
