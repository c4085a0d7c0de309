package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run a cluster: the start script, each role's base {@code server.properties} (keyed by
 * {@link ClusterNaming#roleConfigFile}) and one plan per node, controllers first.
 */
public record RenderedCluster(String startScript, Map<String, String> configFiles, List<NodePlan> nodes) {
    public RenderedCluster {
        configFiles = Map.copyOf(configFiles);
        nodes = List.copyOf(nodes);
    }

    public List<NodePlan> nodes(NodeRole role) {
        return nodes.stream().filter(node -> node.role() == role).toList();
    }

    public String configFile(NodeRole role) {
        return configFiles.get(ClusterNaming.roleConfigFile(role));
    }
}
