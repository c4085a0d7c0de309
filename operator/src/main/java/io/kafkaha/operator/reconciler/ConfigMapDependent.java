package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kafkaha.operator.ClusterConfigMap;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.ResourceNames;

/**
 * {@code N-config}, annotated with the spec it was rendered from ({@link AppliedSpec}): the ConfigMap is only
 * written when a spec was accepted, so its annotation is the last applied spec that changes are checked against.
 */
public final class ConfigMapDependent extends ClusterDependent<ConfigMap> {
    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected String name(String cluster) {
        return ResourceNames.configMap(cluster);
    }

    @Override
    protected ConfigMap build(DesiredCluster cluster) {
        ConfigMap configMap = ClusterConfigMap.desired(cluster);
        return AppliedSpec.annotate(configMap, cluster.spec());
    }
}
