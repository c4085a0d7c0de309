package io.kafkaha.operator;

import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.core.render.ClusterRenderer;
import io.kafkaha.core.render.KubernetesAddressing;
import io.kafkaha.core.render.RenderedCluster;
import java.util.Map;
import java.util.Objects;

/**
 * A KafkaCluster together with what the renderer made of it: the one input of every desired-object builder, so
 * the renderer runs once per reconciliation and all objects are built from the same rendering.
 *
 * @param name      the KafkaCluster's {@code metadata.name}, the prefix of every object's name
 * @param namespace where the cluster and all its objects live
 * @param spec      the user's spec as written (read through its {@code effective*} helpers, never modified)
 * @param restartToken the KafkaCluster's {@value PodFingerprint#RESTART_REQUEST} annotation, "" without one: a
 *                     new value restarts every node
 */
public record DesiredCluster(String name, String namespace, KafkaClusterSpec spec, KubernetesAddressing addressing,
                             RenderedCluster rendered, String restartToken) {
    public DesiredCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(rendered, "rendered");
        restartToken = Objects.requireNonNullElse(restartToken, "");
    }

    /**
     * Renders {@code cluster} with the Kafka cluster id the reconciler keeps for it.
     *
     * @throws io.kafkaha.core.spec.InvalidSpecException if the cluster is invalid (validate it first to get the
     *     problems as {@link io.kafkaha.api.v1beta1.SpecProblem}s)
     */
    public static DesiredCluster of(KafkaCluster cluster, String clusterId) {
        String name = cluster.getMetadata().getName();
        String namespace = Objects.requireNonNull(cluster.getMetadata().getNamespace(),
                () -> "KafkaCluster " + name + " has no namespace");
        KubernetesAddressing addressing = new KubernetesAddressing(name, namespace);
        RenderedCluster rendered = ClusterRenderer.render(KafkaClusterSpecs.validate(cluster).clusterSpec(),
                addressing, clusterId);
        Map<String, String> annotations = cluster.getMetadata().getAnnotations();
        String restartToken = annotations == null ? "" : annotations.getOrDefault(PodFingerprint.RESTART_REQUEST, "");
        return new DesiredCluster(name, namespace, cluster.specOrDefaults(), addressing, rendered, restartToken);
    }
}
