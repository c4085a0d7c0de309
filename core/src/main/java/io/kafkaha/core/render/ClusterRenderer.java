package io.kafkaha.core.render;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.SpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spec in, everything a runtime needs out: pure, no I/O beyond reading the bundled start script. Both the local
 * runtime and the operator call this, which is what makes the local cluster a faithful copy of the pods.
 */
public final class ClusterRenderer {
    private ClusterRenderer() {
    }

    /**
     * A cluster formed with as many controllers as the spec asks for.
     *
     * @throws io.kafkaha.core.spec.InvalidSpecException listing every problem with the spec
     */
    public static RenderedCluster render(ClusterSpec spec, NodeAddressing addressing, String clusterId) {
        return render(spec, addressing, clusterId, spec.controllers().replicas());
    }

    /**
     * @param formationControllers how many controllers the cluster was first formed with: they make the initial
     *                             quorum every node is formatted with ({@code --initial-controllers}); a
     *                             controller with a higher ordinal formats without one and joins as an
     *                             observer, until it is added as a voter (KIP-853)
     * @throws io.kafkaha.core.spec.InvalidSpecException listing every problem with the spec
     */
    public static RenderedCluster render(ClusterSpec spec, NodeAddressing addressing, String clusterId,
                                         int formationControllers) {
        SpecValidator.validate(spec);
        if (formationControllers < 1) {
            throw new IllegalArgumentException("a cluster is formed with at least one controller");
        }
        Map<String, String> files = new LinkedHashMap<>();
        List<NodePlan> nodes = new ArrayList<>();
        String initialControllers = InitialControllers.render(clusterId, formationControllers, addressing);
        for (NodeRole role : NodeRole.values()) {
            files.put(ClusterNaming.roleConfigFile(role), ConfigRenderer.render(spec, role, addressing));
            for (int ordinal = 0; ordinal < spec.role(role).replicas(); ordinal++) {
                nodes.add(plan(spec.name(), role, ordinal, addressing, clusterId, initialControllers));
            }
        }
        return new RenderedCluster(StartScript.text(), files, nodes);
    }

    private static NodePlan plan(String cluster, NodeRole role, int ordinal, NodeAddressing addressing,
                                 String clusterId, String initialControllers) {
        String name = ClusterNaming.node(cluster, role, ordinal);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(StartScript.NODE_NAME, name);
        env.put(StartScript.ROLE, role.label());
        env.put(StartScript.NODE_ID_OFFSET, String.valueOf(role.nodeIdOffset()));
        env.put(StartScript.CLUSTER_ID, clusterId);
        env.put(StartScript.INITIAL_CONTROLLERS, initialControllers);
        env.put(StartScript.BIND_HOST, addressing.bindHost());
        env.put(StartScript.ADVERTISED_HOST, addressing.host(role, ordinal));
        for (Listener listener : Listener.values()) {
            if (listener.role() == role) {
                env.put(portVariable(listener), String.valueOf(addressing.port(listener, ordinal)));
            }
        }
        return new NodePlan(name, role, ordinal, role.nodeId(ordinal), env);
    }

    private static String portVariable(Listener listener) {
        return switch (listener) {
            case CLIENT -> StartScript.CLIENT_PORT;
            case REPLICATION -> StartScript.REPLICATION_PORT;
            case CONTROLLER -> StartScript.CONTROLLER_PORT;
        };
    }

    /** Comma-separated CLIENT addresses of all brokers: what clients bootstrap from. */
    public static String bootstrapServers(ClusterSpec spec, NodeAddressing addressing) {
        List<String> servers = new ArrayList<>();
        for (int ordinal = 0; ordinal < spec.brokers().replicas(); ordinal++) {
            servers.add(addressing.hostPort(Listener.CLIENT, ordinal));
        }
        return String.join(",", servers);
    }
}
