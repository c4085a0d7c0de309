package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/**
 * Kafka listeners kafka-ha opens. Clients use CLIENT, brokers replicate over REPLICATION, and the KRaft quorum
 * talks over CONTROLLER; keeping them apart lets each get its own security later without touching the others.
 */
public enum Listener {
    CLIENT(NodeRole.BROKER, 9092),
    REPLICATION(NodeRole.BROKER, 9091),
    CONTROLLER(NodeRole.CONTROLLER, 9093);

    private final NodeRole role;
    private final int podPort;

    Listener(NodeRole role, int podPort) {
        this.role = role;
        this.podPort = podPort;
    }

    /** The role whose nodes open this listener. */
    public NodeRole role() {
        return role;
    }

    /** The port inside a pod; every pod of a role uses the same one (the seed's {@code kafka:9092}). */
    public int podPort() {
        return podPort;
    }
}
