package io.kafkaha.core.render;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka settings kafka-ha derives itself and a user may not override, each with the reason shown in the error.
 * Overriding any of them would break how nodes find each other or where their data lives.
 */
public final class OwnedConfigKeys {
    private static final String LISTENERS = "kafka-ha opens the CLIENT, REPLICATION and CONTROLLER listeners itself";
    private static final String QUORUM = "kafka-ha builds the controller quorum from controllers.replicas";
    private static final String STORAGE = "kafka-ha keeps the node's data on its persistent volume";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("node.id", "kafka-ha derives it from the pod's ordinal"),
            Map.entry("broker.id", "kafka-ha derives node.id from the pod's ordinal"),
            Map.entry("process.roles", "kafka-ha runs controllers and brokers as separate roles"),
            Map.entry("listeners", LISTENERS),
            Map.entry("advertised.listeners", LISTENERS),
            Map.entry("listener.security.protocol.map", LISTENERS),
            Map.entry("inter.broker.listener.name", LISTENERS),
            Map.entry("controller.listener.names", LISTENERS),
            Map.entry("controller.quorum.voters", QUORUM),
            Map.entry("controller.quorum.bootstrap.servers", QUORUM),
            Map.entry("log.dirs", STORAGE),
            Map.entry("log.dir", STORAGE),
            Map.entry("metadata.log.dir", STORAGE));

    private OwnedConfigKeys() {
    }

    /** Why {@code key} cannot be overridden, or empty if the user may set it. */
    public static Optional<String> reason(String key) {
        return Optional.ofNullable(REASONS.get(key.trim()));
    }
}
