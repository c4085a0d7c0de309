package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/**
 * Where a node listens and how others reach it. Pods share ports and differ by DNS name; the local runtime runs
 * every node on one host and gives each its own ports. The renderer asks only this, so both runtimes share it.
 */
public interface NodeAddressing {

    /** Interface a node binds to; empty means all interfaces (as in a pod). */
    String bindHost();

    /** Name or address other nodes and clients use to reach the node. */
    String host(NodeRole role, int ordinal);

    int port(Listener listener, int ordinal);

    default String hostPort(Listener listener, int ordinal) {
        return host(listener.role(), ordinal) + ":" + port(listener, ordinal);
    }
}
