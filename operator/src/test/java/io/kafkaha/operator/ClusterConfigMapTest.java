package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import org.junit.jupiter.api.Test;

class ClusterConfigMapTest {
    private final DesiredCluster cluster = Clusters.desiredSeed();
    private final ConfigMap configMap = ClusterConfigMap.desired(cluster);

    @Test
    void holdsTheStartScriptAndBothRolesConfiguration() {
        assertThat(configMap.getData()).containsOnlyKeys("start-kafka.sh", "controller.properties",
                "broker.properties");
        assertThat(configMap.getData().get("start-kafka.sh")).isEqualTo(StartScript.text());
        assertThat(configMap.getData().get("broker.properties"))
                .isEqualTo(cluster.rendered().configFile(NodeRole.BROKER))
                .contains("controller.quorum.bootstrap.servers=kafka-controller-0.kafka-controllers.prod.svc:9093");
        assertThat(configMap.getData().get("controller.properties"))
                .isEqualTo(cluster.rendered().configFile(NodeRole.CONTROLLER))
                .contains("process.roles=controller");
    }

    @Test
    void isNamedAfterTheClusterInItsNamespaceWithoutOwner() {
        assertThat(configMap.getMetadata().getName()).isEqualTo("kafka-config");
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("prod");
        assertThat(configMap.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(configMap.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "kafka")
                .containsEntry("app.kubernetes.io/instance", "kafka")
                .containsEntry("app.kubernetes.io/managed-by", "kafka-ha")
                .doesNotContainKey("app.kubernetes.io/component");
    }

    @Test
    void isTheVolumeThePodsMount() {
        for (NodeRole role : NodeRole.values()) {
            var pod = NodeStatefulSet.desired(cluster, role).getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(PodLayout.CONFIG_VOLUME);
                assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
            });
            assertThat(pod.getContainers().get(0).getCommand())
                    .containsExactly("sh", "/etc/kafka-ha/start-kafka.sh");
        }
    }
}
