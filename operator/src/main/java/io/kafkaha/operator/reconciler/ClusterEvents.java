package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes events on a KafkaCluster for what the operator did ({@code kubectl describe kafkacluster N}).
 * Best effort: an event that cannot be written is logged, never a reason to fail the reconciliation.
 */
final class ClusterEvents {
    static final String COMPONENT = "kafka-ha-operator";
    static final String CREATED = "Created";
    static final String UPDATED = "Updated";
    static final String SPEC_REFUSED = "SpecRefused";
    static final String RESTARTING = "Restarting";
    static final String ROLL_COMPLETED = "RollCompleted";
    static final String ROLL_STALLED = "RollStalled";
    static final String METADATA_VERSION_RAISED = "MetadataVersionRaised";
    static final String METADATA_VERSION_NOT_RAISED = "MetadataVersionNotRaised";
    static final String QUORUM_CHANGED = "QuorumChanged";
    static final String QUORUM_CHANGE_FAILED = "QuorumChangeFailed";
    static final String BROKERS_SCALING = "BrokersScaling";
    static final String BROKER_SCALING_REFUSED = "BrokerScalingRefused";
    static final String BROKER_SCALING_STALLED = "BrokerScalingStalled";
    static final String BROKER_SCALING_FAILED = "BrokerScalingFailed";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

    private final Clock clock;

    ClusterEvents(Clock clock) {
        this.clock = clock;
    }

    void normal(KubernetesClient client, KafkaCluster cluster, String reason, String message) {
        emit(client, cluster, "Normal", reason, message);
    }

    void warning(KubernetesClient client, KafkaCluster cluster, String reason, String message) {
        emit(client, cluster, "Warning", reason, message);
    }

    private void emit(KubernetesClient client, KafkaCluster cluster, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String name = cluster.getMetadata().getName();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(name + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(cluster.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind())
                        .withName(name)
                        .withNamespace(cluster.getMetadata().getNamespace())
                        .withUid(cluster.getMetadata().getUid())
                        .withResourceVersion(cluster.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        LOG.info("{} {}/{}: {} {}", type, cluster.getMetadata().getNamespace(), name, reason, message);
        try {
            client.v1().events().inNamespace(cluster.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record event {} on {}/{}: {}", reason, cluster.getMetadata().getNamespace(), name,
                    e.getMessage());
        }
    }
}
