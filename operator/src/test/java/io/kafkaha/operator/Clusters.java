package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;

/** KafkaCluster resources for the builder tests. */
final class Clusters {
    static final String NAME = "kafka";
    static final String NAMESPACE = "prod";
    static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    private Clusters() {
    }

    /** {@code spec: {}}: the seed's 3 controllers + 3 brokers with every default. */
    static KafkaCluster seed() {
        return withSpec(new KafkaClusterSpec());
    }

    static KafkaCluster withSpec(KafkaClusterSpec spec) {
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).build());
        cluster.setSpec(spec);
        return cluster;
    }

    static DesiredCluster desired(KafkaCluster cluster) {
        return DesiredCluster.of(cluster, CLUSTER_ID);
    }

    static DesiredCluster desiredSeed() {
        return desired(seed());
    }
}
