package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kafkaha.core.render.StartScript;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code N-config}: the start script and each role's rendered {@code <role>.properties}, mounted read-only at
 * {@link PodLayout#CONFIG_DIR} in every pod of the cluster.
 */
public final class ClusterConfigMap {
    private ClusterConfigMap() {
    }

    public static ConfigMap desired(DesiredCluster cluster) {
        Map<String, String> data = new TreeMap<>(cluster.rendered().configFiles());
        data.put(StartScript.FILE_NAME, cluster.rendered().startScript());
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(ResourceNames.configMap(cluster.name()))
                    .withNamespace(cluster.namespace())
                    .withLabels(Labels.forCluster(cluster.name()))
                .endMetadata()
                .withData(data)
                .build();
    }
}
