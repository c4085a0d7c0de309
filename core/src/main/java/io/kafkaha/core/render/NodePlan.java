package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;
import java.util.Map;

/**
 * What one node runs: the start script with this environment, next to its role's rendered configuration.
 * The environment carries identity and addresses; the runtime adds where config, work files and data live
 * (see {@link StartScript} for every variable).
 */
public record NodePlan(String name, NodeRole role, int ordinal, int nodeId, Map<String, String> env) {
    public NodePlan {
        env = Map.copyOf(env);
    }
}
