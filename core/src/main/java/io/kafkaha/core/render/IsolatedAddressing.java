package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/**
 * Every node in a network namespace of its own, on a bridge of the cluster's own: an address per node in
 * {@code 10.213.SLOT.0/24}, the same ports as {@link LocalAddressing}. The slot follows from the port base
 * ({@code base / 300}), so two clusters whose ports do not overlap never share a subnet. Brokers are
 * {@code .1..100}, controllers {@code .101..200}; the bridge (the host's end, where clients come from) is
 * {@code .254}. A node binds every interface of its namespace: its loopback and its own address.
 */
public record IsolatedAddressing(int basePort) implements NodeAddressing {
    /** Free on the machines kafka-ha runs on; nothing is routed there, so traffic never leaves the host. */
    public static final String PREFIX = "10.213.";
    public static final int PREFIX_LENGTH = 24;
    private static final int BRIDGE_HOST = 254;

    private LocalAddressing ports() {
        return new LocalAddressing("", basePort);
    }

    /** The cluster's third octet: one per block of ports a cluster uses. */
    public int slot() {
        return basePort / (3 * LocalAddressing.PORTS_PER_LISTENER);
    }

    /** The host's address on the cluster's bridge. */
    public String bridgeAddress() {
        return PREFIX + slot() + "." + BRIDGE_HOST;
    }

    @Override
    public String bindHost() {
        return "";
    }

    @Override
    public String host(NodeRole role, int ordinal) {
        port(Listener.CLIENT, ordinal); // checks the ordinal's range
        int first = role == NodeRole.BROKER ? 1 : 1 + LocalAddressing.PORTS_PER_LISTENER;
        return PREFIX + slot() + "." + (first + ordinal);
    }

    @Override
    public int port(Listener listener, int ordinal) {
        return ports().port(listener, ordinal);
    }
}
