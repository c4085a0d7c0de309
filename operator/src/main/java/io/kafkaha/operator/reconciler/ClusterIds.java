package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.ResourceNames;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;

/**
 * Kafka cluster ids, generated once per cluster and kept in the ConfigMap {@code N-cluster-id}. Volumes are
 * formatted with the id, so it must never change: it is read from Kubernetes on every reconciliation (an operator
 * restart finds it), created with {@code create} (of two racing operators the first wins and the second re-reads),
 * and not owned by the KafkaCluster, so that like the retained volumes it survives the cluster's deletion.
 */
final class ClusterIds {
    static final String KEY = "cluster.id";
    /**
     * How many controllers the cluster was formed with (its initial quorum); written with the id. A ConfigMap
     * from before kafka-ha recorded it has none, and the cluster counts as formed with its controllers of then.
     */
    static final String FORMATION_KEY = "controllers.formation";
    private final Supplier<String> generator;

    ClusterIds() {
        this(() -> Uuid.randomUuid().toString());
    }

    ClusterIds(Supplier<String> generator) {
        this.generator = generator;
    }

    /** The cluster's id, created now if it has none yet. */
    String getOrCreate(KubernetesClient client, KafkaCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = ResourceNames.clusterId(cluster.getMetadata().getName());
        String existing = read(client, namespace, name);
        if (existing != null) {
            return existing;
        }
        String id = generator.get();
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withLabels(Labels.forCluster(cluster.getMetadata().getName()))
                .endMetadata()
                .withData(Map.of(KEY, id, FORMATION_KEY, String.valueOf(
                        cluster.specOrDefaults().nodes(NodeRole.CONTROLLER).effectiveReplicas())))
                .withImmutable(true)
                .build();
        try {
            client.resource(configMap).create();
            return id;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            String winner = read(client, namespace, name);
            if (winner == null) {
                throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " exists without " + KEY
                        + "; add the cluster's id under " + KEY + " or delete the ConfigMap if no volume was ever"
                        + " formatted", e);
            }
            return winner;
        }
    }

    /** The recorded formation, if the cluster's ConfigMap has it. */
    static Optional<Integer> formation(KubernetesClient client, KafkaCluster cluster) {
        ConfigMap configMap = client.configMaps().inNamespace(cluster.getMetadata().getNamespace())
                .withName(ResourceNames.clusterId(cluster.getMetadata().getName())).get();
        String value = configMap == null || configMap.getData() == null ? null
                : configMap.getData().get(FORMATION_KEY);
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("ConfigMap " + configMap.getMetadata().getName() + " has "
                    + FORMATION_KEY + "=" + value + ", not a number of controllers; set it to the number the"
                    + " cluster was created with", e);
        }
    }

    private static String read(KubernetesClient client, String namespace, String name) {
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
        if (configMap == null) {
            return null;
        }
        String id = configMap.getData() == null ? null : configMap.getData().get(KEY);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " has no " + KEY + "; add the"
                    + " cluster's id under " + KEY + ", or delete the ConfigMap if no volume was ever formatted");
        }
        return id;
    }
}
