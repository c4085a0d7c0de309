package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/**
 * Every node on one host, each with its own ports: broker {@code i} serves clients on {@code base + i},
 * replicates on {@code base + 100 + i}; controller {@code i} listens on {@code base + 200 + i}.
 * With the default base 9092 the first broker answers on the seed's familiar 9092.
 */
public record LocalAddressing(String hostAddress, int basePort) implements NodeAddressing {

    public static final int DEFAULT_BASE_PORT = 9092;
    /** Ports of one listener kind per cluster; bounds the node count per role. */
    public static final int PORTS_PER_LISTENER = 100;

    public static LocalAddressing loopback(int basePort) {
        return new LocalAddressing("127.0.0.1", basePort);
    }

    @Override
    public String bindHost() {
        return hostAddress;
    }

    @Override
    public String host(NodeRole role, int ordinal) {
        return hostAddress;
    }

    @Override
    public int port(Listener listener, int ordinal) {
        if (ordinal < 0 || ordinal >= PORTS_PER_LISTENER) {
            throw new IllegalArgumentException("ordinal " + ordinal + " outside 0.." + (PORTS_PER_LISTENER - 1));
        }
        int block = switch (listener) {
            case CLIENT -> 0;
            case REPLICATION -> 1;
            case CONTROLLER -> 2;
        };
        return basePort + block * PORTS_PER_LISTENER + ordinal;
    }

    /** Highest port this addressing can hand out; the base must leave room for it. */
    public int lastPort() {
        return basePort + 3 * PORTS_PER_LISTENER - 1;
    }
}
