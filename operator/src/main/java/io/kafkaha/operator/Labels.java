package io.kafkaha.operator;

import io.kafkaha.core.spec.NodeRole;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every label kafka-ha puts on its objects and every selector it uses, computed here only. Selectors use the
 * recommended {@code app.kubernetes.io} labels that never change over a cluster's life (no version), because a
 * StatefulSet's selector is immutable.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String APP = "kafka";
    public static final String MANAGER = "kafka-ha";

    private Labels() {
    }

    /** Selects all pods of one role of one cluster: StatefulSet, headless Service, PDB and spreading use it. */
    public static Map<String, String> selector(String cluster, NodeRole role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, cluster);
        labels.put(COMPONENT, role.label());
        return labels;
    }

    /** Labels of the objects of one role (StatefulSet, Services, PDB, volume claims). */
    public static Map<String, String> forRole(String cluster, NodeRole role) {
        Map<String, String> labels = selector(cluster, role);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    /** Labels of objects shared by both roles (ConfigMap, bootstrap Service). */
    public static Map<String, String> forCluster(String cluster) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, cluster);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    /**
     * Pod labels: the user's {@code spec.template.labels} with kafka-ha's on top, so a user label can never take a
     * pod out of its StatefulSet's selector.
     */
    public static Map<String, String> forPod(String cluster, NodeRole role, Map<String, String> userLabels) {
        Map<String, String> labels = new LinkedHashMap<>(userLabels == null ? Map.of() : userLabels);
        labels.putAll(forRole(cluster, role));
        return labels;
    }
}
