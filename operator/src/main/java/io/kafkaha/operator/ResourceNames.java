package io.kafkaha.operator;

import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.spec.NodeRole;

/**
 * Names of the Kubernetes objects of cluster {@code N}. Node and service names come from core's
 * {@link ClusterNaming}, which the renderer uses for DNS names too; the rest are Kubernetes-only.
 */
public final class ResourceNames {
    private ResourceNames() {
    }

    /** {@code N-config}: the start script and both roles' configuration. */
    public static String configMap(String cluster) {
        return cluster + "-config";
    }

    /**
     * {@code N-cluster-id}: the Kafka cluster id, generated once. Not owned by the KafkaCluster, so like the volumes
     * (which are formatted with that id) it outlives the cluster: a cluster re-created under the same name finds
     * its data and its id together.
     */
    public static String clusterId(String cluster) {
        return cluster + "-cluster-id";
    }

    /** {@code N}: the bootstrap Service, so a cluster named {@code kafka} is reached at {@code kafka:9092}. */
    public static String bootstrapService(String cluster) {
        return cluster;
    }

    /** {@code N.NS.svc:9092}: where clients in the cluster bootstrap, through the bootstrap Service. */
    public static String bootstrapServers(String cluster, String namespace) {
        return bootstrapService(cluster) + "." + namespace + ".svc:" + Listener.CLIENT.podPort();
    }

    /** {@code N-controller} / {@code N-broker}. */
    public static String statefulSet(String cluster, NodeRole role) {
        return ClusterNaming.statefulSet(cluster, role);
    }

    /** {@code N-controllers} / {@code N-brokers}: the headless Service behind the pods' DNS names. */
    public static String headlessService(String cluster, NodeRole role) {
        return ClusterNaming.headlessService(cluster, role);
    }

    /** Same name as the StatefulSet whose pods it protects. */
    public static String disruptionBudget(String cluster, NodeRole role) {
        return statefulSet(cluster, role);
    }
}
