package io.kafkaha.core.render;

import io.kafkaha.core.spec.NodeRole;

/** Every name derived from a cluster's name, computed in this one place (pods, services, config keys). */
public final class ClusterNaming {
    private ClusterNaming() {
    }

    /** StatefulSet of a role, e.g. {@code kafka-broker}; its pods append {@code -<ordinal>}. */
    public static String statefulSet(String cluster, NodeRole role) {
        return cluster + "-" + role.label();
    }

    /** Pod (and local node) name, e.g. {@code kafka-broker-0}. */
    public static String node(String cluster, NodeRole role, int ordinal) {
        return statefulSet(cluster, role) + "-" + ordinal;
    }

    /** Headless service of a role, e.g. {@code kafka-brokers}. */
    public static String headlessService(String cluster, NodeRole role) {
        return statefulSet(cluster, role) + "s";
    }

    /** Key of a role's base configuration in the config directory / ConfigMap. */
    public static String roleConfigFile(NodeRole role) {
        return role.label() + ".properties";
    }
}
