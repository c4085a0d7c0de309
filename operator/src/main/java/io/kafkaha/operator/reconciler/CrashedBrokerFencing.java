package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.PodLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fast fencing on Kubernetes: watches the broker pods and, the moment the kubelet reports a pod's Kafka container
 * {@code terminated}, unregisters that broker through {@link KafkaHealthProbe#unregisterDeadBroker}, so acks=all
 * producers stall about a second instead of {@code broker.session.timeout.ms}. Whether a pod's state proves the
 * broker dead is {@link BrokerDeath#ofContainer}'s decision:
 * <ul>
 *   <li>a terminated container (or a {@code lastState.terminated} the informer only saw after the restart, while
 *       the new container is not ready yet) is certain death;</li>
 *   <li>a pod that is not ready, unreachable, on a lost node, or paused is not: it may be alive, so it is left to
 *       Kafka's session timeout;</li>
 *   <li>a pod being deleted (the operator's roll, a drain, {@code kubectl delete}) gets SIGTERM and Kafka's
 *       controlled shutdown, which hands leadership over itself; unregistering it as well would be harmless but
 *       adds nothing, so it is not done. A pod that is merely gone proves nothing either: a forced deletion leaves
 *       the process running on an unreachable node.</li>
 * </ul>
 * An informer of its own (its events never trigger a reconciliation), so it reacts within the informer's latency,
 * not behind a reconciliation that may be waiting on a dead broker; the Admin call runs off the informer thread.
 * Each container death is acted on once (pod uid and restart count), and only within
 * {@link BrokerDeath#CONTAINER_DEATH_ACTIONABLE} of its {@code finishedAt}, also when the queued call is due: later,
 * the kubelet's restarted container may have registered a new incarnation, which an unregister would cut off for
 * good (an informer that sees the death late, e.g. after an operator restart, must not act on it).
 */
final class CrashedBrokerFencing extends InformerEventSource<Pod, KafkaCluster> {
    static final String NAME = "broker-deaths";
    private static final Logger LOG = LoggerFactory.getLogger(CrashedBrokerFencing.class);

    private final KafkaHealthProbe kafka;
    private final Clock clock;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "broker-fencing");
        thread.setDaemon(true);
        return thread;
    });

    CrashedBrokerFencing(EventSourceContext<KafkaCluster> context, KafkaHealthProbe kafka, Clock clock) {
        super(InformerEventSourceConfiguration.from(Pod.class, KafkaCluster.class)
                .withName(NAME)
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.MANAGER + "," + Labels.COMPONENT + "="
                        + NodeRole.BROKER.label())
                .withSecondaryToPrimaryMapper(pod -> Set.of())
                .build(), context);
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public void onAdd(Pod pod) {
        super.onAdd(pod);
        observe(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod pod) {
        super.onUpdate(oldPod, pod);
        observe(pod);
    }

    private void observe(Pod pod) {
        Optional<ContainerStatus> container = Optional.ofNullable(pod.getStatus())
                .flatMap(status -> status.getContainerStatuses().stream()
                        .filter(c -> PodLayout.CONTAINER.equals(c.getName())).findFirst());
        if (container.isEmpty()) {
            return;
        }
        ContainerStatus status = container.get();
        boolean terminatedNow = status.getState() != null && status.getState().getTerminated() != null;
        boolean terminatedBefore = status.getLastState() != null && status.getLastState().getTerminated() != null;
        int restarts = Optional.ofNullable(status.getRestartCount()).orElse(0);
        // The death of container instance N: its current state, or the last state once N+1 runs.
        String death = pod.getMetadata().getUid() + "/" + (terminatedNow ? restarts : restarts - 1);
        Optional<Instant> diedAt = Optional.ofNullable(terminatedNow ? status.getState().getTerminated()
                        : terminatedBefore ? status.getLastState().getTerminated() : null)
                .map(ContainerStateTerminated::getFinishedAt).map(CrashedBrokerFencing::instant);
        boolean ready = Boolean.TRUE.equals(status.getReady());
        boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
        BrokerDeath verdict = verdict(terminatedNow || terminatedBefore, ready, deleting, diedAt);
        if (!verdict.certain() || !handled.add(death)) {
            return;
        }
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels();
        String cluster = labels.get(Labels.INSTANCE);
        String podName = pod.getMetadata().getName();
        // Pods are named <cluster>-broker-<ordinal>; a broker's node id is its ordinal.
        int brokerId = Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
        calls.execute(() -> {
            // Asked again when the call is due: a death that waited here too long may be the new incarnation's.
            BrokerDeath due = verdict(true, ready, deleting, diedAt);
            DeadBrokerFencer.Outcome outcome = kafka.unregisterDeadBroker(namespace, cluster, brokerId, due);
            LOG.info("{}/{}: {}", namespace, podName, outcome.message());
        });
    }

    private BrokerDeath verdict(boolean terminated, boolean ready, boolean deleting, Optional<Instant> diedAt) {
        return BrokerDeath.ofContainer(terminated, ready, deleting,
                diedAt.map(at -> Duration.between(at, clock.instant())));
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        calls.shutdownNow();
        super.stop();
    }
}
