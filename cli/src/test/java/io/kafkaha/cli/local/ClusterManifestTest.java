package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterManifestTest {

    @Test
    void takesNameReplicasConfigAndVersionFromTheManifest() {
        ClusterManifest manifest = ClusterManifest.parse("""
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: orders, namespace: streaming}
                spec:
                  version: "4.4.0"
                  controllers: {replicas: 3, config: {controller.quorum.fetch.timeout.ms: "3000"}}
                  brokers:
                    replicas: 4
                    storage: {size: 50Gi}
                    config: {num.io.threads: "9", log.retention.hours: "72"}
                """, "cluster.yaml");

        assertThat(manifest.version()).isEqualTo("4.4.0");
        assertThat(manifest.spec().name()).isEqualTo("orders");
        assertThat(manifest.spec().controllers().replicas()).isEqualTo(3);
        assertThat(manifest.spec().controllers().config())
                .isEqualTo(Map.of("controller.quorum.fetch.timeout.ms", "3000"));
        assertThat(manifest.spec().brokers().replicas()).isEqualTo(4);
        assertThat(manifest.spec().brokers().config())
                .isEqualTo(Map.of("num.io.threads", "9", "log.retention.hours", "72"));
    }

    @Test
    void anEmptySpecIsTheSeedOfTheDefaultVersion() {
        ClusterManifest manifest = ClusterManifest.parse("""
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: kafka}
                spec: {}
                """, "cluster.yaml");

        assertThat(manifest.spec().brokers().replicas()).isEqualTo(3);
        assertThat(manifest.spec().controllers().replicas()).isEqualTo(3);
        assertThat(manifest.version()).isEqualTo("4.4.0");
    }

    @Test
    void theExampleInTheRepositoryIsAValidManifest() {
        ClusterManifest manifest = ClusterManifest.read(Path.of("../examples/kafkacluster.yaml"));

        assertThat(manifest.spec().name()).isEqualTo("kafka");
        assertThat(manifest.spec().brokers().config()).containsEntry("num.partitions", "6");
    }

    @Test
    void refusesAnInvalidSpecFieldByField() {
        assertThatThrownBy(() -> ClusterManifest.parse("""
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: kafka}
                spec:
                  version: "3.9.0"
                  brokers: {replicas: 3, confg: {}, config: {node.id: "7"}}
                """, "cluster.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cluster.yaml is refused; fix these fields:")
                .hasMessageContaining("\n  spec.version: Kafka 3.9.0 is not supported")
                .hasMessageContaining("\n  spec.brokers.confg: unknown field")
                .hasMessageContaining("\n  spec.brokers.config: ");
    }

    @Test
    void refusesOtherKindsAndUnreadableText() {
        assertThatThrownBy(() -> ClusterManifest.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: kafka}
                """, "deploy.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("deploy.yaml holds a apps/v1 Deployment, not a kafkaha.io/v1beta1 KafkaCluster");
        assertThatThrownBy(() -> ClusterManifest.parse("spec: [unclosed", "broken.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("broken.yaml is not a readable KafkaCluster manifest (");
        assertThatThrownBy(() -> ClusterManifest.read(Path.of("no-such-file.yaml")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot read no-such-file.yaml");
    }
}
