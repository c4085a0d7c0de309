package io.kafkaha.core.render;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Renders a role's base {@code server.properties}: what every node of the role shares. The start script appends
 * the node-specific part (node.id, listeners, log.dirs). Later entries win, in this order: kafka-ha's structure,
 * {@link SafeDefaults} (durability, failure detection), then the user's overrides.
 */
public final class ConfigRenderer {
    /**
     * Broker settings the controller applies: to the topics it creates, and the session timeout after which it
     * fences a silent broker. A user's broker value must reach the controllers too.
     */
    private static final Set<String> BROKER_KEYS_CONTROLLERS_APPLY = Set.of(
            "default.replication.factor", "min.insync.replicas", "num.partitions", "unclean.leader.election.enable",
            "broker.session.timeout.ms");

    private ConfigRenderer() {
    }

    public static Map<String, String> settings(ClusterSpec spec, NodeRole role, NodeAddressing addressing) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", role.label());
        config.put("controller.listener.names", Listener.CONTROLLER.name());
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,REPLICATION:PLAINTEXT,CLIENT:PLAINTEXT");
        if (role == NodeRole.BROKER) {
            config.put("inter.broker.listener.name", Listener.REPLICATION.name());
        }
        config.put("controller.quorum.bootstrap.servers", quorumBootstrap(spec, addressing));
        config.putAll(SafeDefaults.topicDefaults(spec.brokers().replicas()));
        config.putAll(SafeDefaults.failureDetection());
        if (role == NodeRole.CONTROLLER) {
            spec.brokers().config().forEach((key, value) -> {
                if (BROKER_KEYS_CONTROLLERS_APPLY.contains(key)) {
                    config.put(key, value);
                }
            });
        }
        config.putAll(spec.role(role).config());
        return config;
    }

    public static String render(ClusterSpec spec, NodeRole role, NodeAddressing addressing) {
        StringBuilder text = new StringBuilder()
                .append("# Rendered by kafka-ha for cluster ").append(spec.name()).append(", ")
                .append(role.label()).append("s. start-kafka.sh appends node.id, listeners and log.dirs.\n");
        settings(spec, role, addressing).forEach((key, value) ->
                text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String quorumBootstrap(ClusterSpec spec, NodeAddressing addressing) {
        return IntStream.range(0, spec.controllers().replicas())
                .mapToObj(ordinal -> addressing.hostPort(Listener.CONTROLLER, ordinal))
                .collect(Collectors.joining(","));
    }

    /** Escapes what java.util.Properties would otherwise read differently (backslashes, line breaks). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
