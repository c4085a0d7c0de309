package io.kafkaha.core.spec;

import java.util.Map;

/**
 * What the user asks of one role: how many nodes and which {@code server.properties} overrides.
 *
 * @param replicas number of nodes of this role
 * @param config   Kafka settings layered over kafka-ha's defaults; operator-owned keys are refused
 */
public record RoleSpec(int replicas, Map<String, String> config) {
    public RoleSpec {
        config = Map.copyOf(config);
    }

    public static RoleSpec of(int replicas) {
        return new RoleSpec(replicas, Map.of());
    }
}
