package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a user does to one KafkaCluster through the API, and what they see of it, in the tests that run the operator
 * against the mock API server.
 */
final class ClusterUser {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final String name;

    ClusterUser(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** {@code spec: {}}: the seed's 3 controllers + 3 brokers with every default. */
    KafkaCluster seed() {
        return withSpec(new KafkaClusterSpec());
    }

    KafkaCluster withSpec(KafkaClusterSpec spec) {
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
        cluster.setSpec(spec);
        return cluster;
    }

    KafkaCluster create(KafkaCluster cluster) {
        return client.resource(cluster).create();
    }

    /** The cluster as stored now; null once it is deleted. */
    KafkaCluster current() {
        return client.resources(KafkaCluster.class).inNamespace(client.getNamespace()).withName(name).get();
    }

    /**
     * Edits the spec as a user would, with the defaults the API server would have stored filled in; like kubectl,
     * tries again when the operator wrote the status in between (409 Conflict).
     */
    void edit(Consumer<KafkaClusterSpec> change) {
        await().atMost(TIMEOUT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                && k.getCode() == 409).until(() -> {
                    tryEdit(change);
                    return true;
                });
    }

    private void tryEdit(Consumer<KafkaClusterSpec> change) {
        client.resources(KafkaCluster.class).inNamespace(client.getNamespace()).withName(name).edit(cluster -> {
            KafkaClusterSpec spec = cluster.getSpec() == null ? new KafkaClusterSpec() : cluster.getSpec();
            if (spec.getBrokers() == null) {
                spec.setBrokers(new BrokersSpec());
            }
            change.accept(spec);
            cluster.setSpec(spec);
            return cluster;
        });
    }

    /** Deletes the cluster and waits until it is gone. */
    void delete() {
        client.resource(current()).delete();
        await().atMost(TIMEOUT).until(() -> current() == null);
    }

    /** Waits until the cluster is Ready at its current generation with these node counts; its status then. */
    KafkaClusterStatus awaitReady(int controllers, int brokers) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            KafkaCluster cluster = current();
            assertThat(cluster.getStatus()).isNotNull();
            Condition ready = readyCondition(cluster.getStatus());
            assertThat(ready.getStatus()).as(ready.getMessage()).isEqualTo("True");
            assertThat(ready.getReason()).isEqualTo(ClusterStatusAggregator.ALL_NODES_READY);
            assertThat(ready.getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
            assertThat(cluster.getStatus().getReadyControllers()).isEqualTo(controllers);
            assertThat(cluster.getStatus().getDesiredControllers()).isEqualTo(controllers);
            assertThat(cluster.getStatus().getReadyBrokers()).isEqualTo(brokers);
            assertThat(cluster.getStatus().getDesiredBrokers()).isEqualTo(brokers);
        });
        return current().getStatus();
    }

    /** Waits until an event with this reason was recorded on the cluster. */
    void awaitEvent(String reason) {
        await().atMost(TIMEOUT).until(() -> eventReasons().contains(reason));
    }

    List<String> eventReasons() {
        return client.v1().events().inNamespace(client.getNamespace()).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }

    static Condition readyCondition(KafkaClusterStatus status) {
        return status.condition(KafkaClusterStatus.READY).orElseThrow();
    }
}
