package io.kafkaha.operator;

import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.core.render.ClusterRenderer;
import io.kafkaha.core.render.KubernetesAddressing;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import java.util.Map;
import java.util.Objects;

/**
 * A KafkaCluster together with what the renderer made of it: the one input of every desired-object builder, so
 * the renderer runs once per reconciliation and all objects are built from the same rendering.
 *
 * @param name      the KafkaCluster's {@code metadata.name}, the prefix of every object's name
 * @param namespace where the cluster and all its objects live
 * @param spec      the user's spec as written (read through its {@code effective*} helpers, never modified)
 * @param rendered  the rendering, with as many nodes of each role as its StatefulSet is to have now (controllers
 *                  may differ from the spec while the quorum changes)
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
        int controllers = cluster.specOrDefaults().nodes(NodeRole.CONTROLLER).effectiveReplicas();
        return of(cluster, clusterId, controllers, controllers);
    }

    /**
     * Renders {@code cluster} with {@code controllersNow} controller pods, its count while the quorum moves
     * towards the spec's one voter at a time ({@code io.kafkaha.operator.quorum.QuorumTurn}).
     *
     * @param formation how many controllers the cluster was formed with: its initial quorum
     */
    public static DesiredCluster of(KafkaCluster cluster, String clusterId, int formation, int controllersNow) {
        return of(cluster, clusterId, formation, controllersNow,
                cluster.specOrDefaults().nodes(NodeRole.BROKER).effectiveReplicas());
    }

    /**
     * As {@link #of(KafkaCluster, String, int, int)}, with {@code brokersNow} broker pods: a scale-down keeps the
     * brokers being emptied until no partition is left on them ({@code io.kafkaha.operator.scaling.BrokerScalingTurn}).
     */
    public static DesiredCluster of(KafkaCluster cluster, String clusterId, int formation, int controllersNow,
                                    int brokersNow) {
        String name = cluster.getMetadata().getName();
        String namespace = Objects.requireNonNull(cluster.getMetadata().getNamespace(),
                () -> "KafkaCluster " + name + " has no namespace");
        KubernetesAddressing addressing = new KubernetesAddressing(name, namespace);
        ClusterSpec spec = KafkaClusterSpecs.validate(cluster).clusterSpec();
        ClusterSpec now = new ClusterSpec(spec.name(), new RoleSpec(controllersNow, spec.controllers().config()),
                new RoleSpec(brokersNow, spec.brokers().config()));
        RenderedCluster rendered = ClusterRenderer.render(now, addressing, clusterId, formation);
        Map<String, String> annotations = cluster.getMetadata().getAnnotations();
        String restartToken = annotations == null ? "" : annotations.getOrDefault(PodFingerprint.RESTART_REQUEST, "");
        return new DesiredCluster(name, namespace, cluster.specOrDefaults(), addressing, rendered, restartToken);
    }
}
