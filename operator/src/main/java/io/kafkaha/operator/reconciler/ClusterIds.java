package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.ResourceNames;
import java.net.HttpURLConnection;
import java.util.Map;
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
                .withData(Map.of(KEY, id))
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
