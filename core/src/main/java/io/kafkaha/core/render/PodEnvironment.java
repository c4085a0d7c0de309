package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start script's environment as one StatefulSet declares it for all its pods. Pods differ only by name, so
 * the node name comes from the pod's own {@code metadata.name} and the advertised host refers to it with
 * Kubernetes' {@code $(VAR)} expansion; everything else is what the renderer planned for every node of the role.
 */
public final class PodEnvironment {
    private PodEnvironment() {
    }

    /**
     * @return the variables in declaration order: {@link StartScript#NODE_NAME} first (the caller binds it to
     *     {@code metadata.name}; its value here is only a placeholder), since later values refer to it
     */
    public static Map<String, String> forRole(RenderedCluster cluster, NodeRole role, KubernetesAddressing addressing) {
        List<NodePlan> nodes = cluster.nodes(role);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no " + role.label() + " nodes rendered");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put(StartScript.NODE_NAME, "metadata.name");
        nodes.get(0).env().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(StartScript.NODE_NAME))
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> env.put(entry.getKey(), entry.getValue()));
        env.put(StartScript.ADVERTISED_HOST, addressing.podDnsName("$(" + StartScript.NODE_NAME + ")", role));
        return env;
    }

    /** What a pod's environment becomes once Kubernetes binds the pod name and expands references to it. */
    public static Map<String, String> expandFor(Map<String, String> roleEnv, String podName) {
        Map<String, String> expanded = new LinkedHashMap<>();
        roleEnv.forEach((key, value) -> expanded.put(key, key.equals(StartScript.NODE_NAME)
                ? podName : value.replace("$(" + StartScript.NODE_NAME + ")", podName)));
        return expanded;
    }
}
