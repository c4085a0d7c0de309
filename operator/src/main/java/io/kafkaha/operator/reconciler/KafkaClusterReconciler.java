package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.api.v1beta1.ValidatedSpec;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.ResourceNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a KafkaCluster's objects as its spec says and reports what it observes. Each reconciliation:
 * <ol>
 *   <li>validates the spec, including the change from the last applied spec ({@link AppliedSpec}); a refused
 *       spec only updates the status (SpecValid=False, Ready=False, field by field) and records a warning event —
 *       no owned object is touched, so the cluster keeps running as last applied;</li>
 *   <li>reads or creates the Kafka cluster id ({@link ClusterIds}), renders the cluster once and runs the
 *       dependents' workflow, which creates or updates every owned object;</li>
 *   <li>computes the status from the StatefulSets (and, where configured, Kafka's own view) and re-checks after
 *       {@link #NOT_READY_RECHECK} while the cluster is not ready.</li>
 * </ol>
 * The workflow is invoked explicitly because validation must come first. Objects of one kind share an informer
 * (named below); all are owned by the KafkaCluster, so Kubernetes deletes them with it. Volume claims are not
 * owned: the StatefulSets' retention policy keeps them.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(type = ConfigMapDependent.class, useEventSourceWithName = KafkaClusterReconciler.CONFIG_MAPS),
    @Dependent(type = HeadlessServiceDependent.Controllers.class,
            useEventSourceWithName = KafkaClusterReconciler.SERVICES),
    @Dependent(type = HeadlessServiceDependent.Brokers.class,
            useEventSourceWithName = KafkaClusterReconciler.SERVICES),
    @Dependent(type = BootstrapServiceDependent.class, useEventSourceWithName = KafkaClusterReconciler.SERVICES),
    @Dependent(type = DisruptionBudgetDependent.Controllers.class,
            useEventSourceWithName = KafkaClusterReconciler.DISRUPTION_BUDGETS),
    @Dependent(type = DisruptionBudgetDependent.Brokers.class,
            useEventSourceWithName = KafkaClusterReconciler.DISRUPTION_BUDGETS),
    @Dependent(type = NodeStatefulSetDependent.Controllers.class,
            useEventSourceWithName = KafkaClusterReconciler.STATEFUL_SETS),
    @Dependent(type = NodeStatefulSetDependent.Brokers.class,
            useEventSourceWithName = KafkaClusterReconciler.STATEFUL_SETS),
})
@ControllerConfiguration(name = KafkaClusterReconciler.NAME)
public class KafkaClusterReconciler implements Reconciler<KafkaCluster> {
    public static final String NAME = "kafkacluster";
    static final String CONFIG_MAPS = "configmaps";
    static final String SERVICES = "services";
    static final String DISRUPTION_BUDGETS = "poddisruptionbudgets";
    static final String STATEFUL_SETS = "statefulsets";
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(10);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Clock clock;
    private final KafkaHealthProbe kafka;
    private final ClusterIds clusterIds = new ClusterIds();
    private final ClusterEvents events;

    public KafkaClusterReconciler() {
        this(Clock.systemUTC(), KafkaHealthProbe.NONE);
    }

    public KafkaClusterReconciler(Clock clock, KafkaHealthProbe kafka) {
        this.clock = clock;
        this.kafka = kafka;
        this.events = new ClusterEvents(clock);
    }

    @Override
    public List<EventSource<?, KafkaCluster>> prepareEventSources(EventSourceContext<KafkaCluster> context) {
        return List.of(
                informer(context, ConfigMap.class, CONFIG_MAPS),
                informer(context, Service.class, SERVICES),
                informer(context, PodDisruptionBudget.class, DISRUPTION_BUDGETS),
                informer(context, StatefulSet.class, STATEFUL_SETS));
    }

    /** One informer per kind, over kafka-ha's objects only; secondaries map to their owner KafkaCluster. */
    private static <R extends HasMetadata> InformerEventSource<R, KafkaCluster> informer(
            EventSourceContext<KafkaCluster> context, Class<R> kind, String name) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, KafkaCluster.class)
                .withName(name)
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.MANAGER)
                .build(), context);
    }

    @Override
    public UpdateControl<KafkaCluster> reconcile(KafkaCluster cluster, Context<KafkaCluster> context) {
        String name = cluster.getMetadata().getName();
        KafkaClusterStatus previous = cluster.getStatus();
        KafkaClusterSpec applied = secondary(context, ConfigMap.class, ResourceNames.configMap(name))
                .flatMap(AppliedSpec::of).orElse(null);
        ValidatedSpec validated = KafkaClusterSpecs.validateChange(cluster, applied);
        ClusterStatusAggregator aggregator = new ClusterStatusAggregator(previous,
                cluster.getMetadata().getGeneration(), clock).specChecked(validated.problems());
        KafkaClusterStatus status = new KafkaClusterStatus();
        status.setObservedGeneration(cluster.getMetadata().getGeneration());
        status.setBootstrapServers(bootstrapServers(cluster));

        if (!validated.isValid()) {
            if (isNewRefusal(previous, validated)) {
                events.warning(context.getClient(), cluster, ClusterEvents.SPEC_REFUSED, validated.message()
                        + " (nothing was changed; the cluster keeps running as last applied)");
            }
            status.setClusterId(previous == null ? null : previous.getClusterId());
            status.setVersion(applied != null ? applied.effectiveVersion()
                    : previous == null ? null : previous.getVersion());
            observeNodes(context, name, status, aggregator);
        } else {
            String clusterId = clusterIds.getOrCreate(context.getClient(), cluster);
            DesiredCluster desired = DesiredCluster.of(cluster, clusterId);
            ClusterDependent.provide(context, desired);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            recordChange(context, cluster, applied, desired, clusterId);
            status.setClusterId(clusterId);
            status.setVersion(desired.spec().effectiveVersion());
            observeNodes(context, name, status, aggregator);
            if (aggregator.isReady()) {
                kafka.problems(desired).forEach(problem -> aggregator.notReady("Kafka: " + problem));
            }
        }
        aggregator.conditionsOn(status);

        boolean changed = !JSON.asJson(status).equals(previous == null ? null : JSON.asJson(previous));
        cluster.setStatus(status);
        UpdateControl<KafkaCluster> control = changed ? UpdateControl.patchStatus(cluster) : UpdateControl.noUpdate();
        // A refused spec waits for the user's next edit, which triggers a reconciliation by itself.
        return aggregator.isReady() || !validated.isValid() ? control : control.rescheduleAfter(NOT_READY_RECHECK);
    }

    @Override
    public ErrorStatusUpdateControl<KafkaCluster> updateErrorStatus(KafkaCluster cluster,
                                                                    Context<KafkaCluster> context, Exception e) {
        KafkaClusterStatus status = cluster.getStatus() == null ? new KafkaClusterStatus()
                : JSON.clone(cluster.getStatus());
        new ClusterStatusAggregator(cluster.getStatus(), cluster.getMetadata().getGeneration(), clock)
                .error(ReconcileFailure.message(e))
                .conditionsOn(status);
        cluster.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(cluster);
    }

    /** Ready and desired node counts from the StatefulSets, and what is not ready yet. */
    private static void observeNodes(Context<KafkaCluster> context, String name, KafkaClusterStatus status,
                                     ClusterStatusAggregator aggregator) {
        StringBuilder ready = new StringBuilder();
        for (NodeRole role : NodeRole.values()) {
            String setName = ResourceNames.statefulSet(name, role);
            Optional<StatefulSet> set = secondary(context, StatefulSet.class, setName);
            int desiredNodes = set.map(s -> s.getSpec().getReplicas()).orElse(0);
            int readyNodes = set.map(s -> s.getStatus() == null || s.getStatus().getReadyReplicas() == null ? 0
                    : s.getStatus().getReadyReplicas()).orElse(0);
            if (role == NodeRole.BROKER) {
                status.setDesiredBrokers(desiredNodes);
                status.setReadyBrokers(readyNodes);
            } else {
                status.setDesiredControllers(desiredNodes);
                status.setReadyControllers(readyNodes);
            }
            if (set.isEmpty()) {
                aggregator.notReady("StatefulSet " + setName + " does not exist yet");
            } else if (readyNodes < desiredNodes) {
                aggregator.notReady(setName + ": " + readyNodes + "/" + desiredNodes + " pods ready");
            } else if (!statefulSetControllerCaughtUp(set.get())) {
                aggregator.notReady(setName + ": the StatefulSet controller has not acted on the latest spec yet");
            }
            ready.append(ready.isEmpty() ? "" : " and ").append(readyNodes).append('/').append(desiredNodes)
                    .append(' ').append(role.label()).append("s");
        }
        aggregator.readyMessage(ready + " ready");
    }

    private static boolean statefulSetControllerCaughtUp(StatefulSet set) {
        Long generation = set.getMetadata().getGeneration();
        Long observed = set.getStatus() == null ? null : set.getStatus().getObservedGeneration();
        return generation == null || (observed != null && observed >= generation);
    }

    private void recordChange(Context<KafkaCluster> context, KafkaCluster cluster, KafkaClusterSpec applied,
                              DesiredCluster desired, String clusterId) {
        String sizes = desired.spec().nodes(NodeRole.CONTROLLER).effectiveReplicas() + " controllers and "
                + desired.spec().nodes(NodeRole.BROKER).effectiveReplicas() + " brokers of Kafka "
                + desired.spec().effectiveVersion();
        if (applied == null) {
            events.normal(context.getClient(), cluster, ClusterEvents.CREATED, "created the cluster's objects: "
                    + sizes + ", cluster id " + clusterId);
        } else if (!AppliedSpec.json(applied).equals(AppliedSpec.json(desired.spec()))) {
            events.normal(context.getClient(), cluster, ClusterEvents.UPDATED, "applied the changed spec: " + sizes);
        }
    }

    /** A refusal not already reported: events are not repeated on every reconciliation of the same bad spec. */
    private static boolean isNewRefusal(KafkaClusterStatus previous, ValidatedSpec validated) {
        return previous == null || previous.condition(ClusterStatusAggregator.SPEC_VALID)
                .filter(c -> "False".equals(c.getStatus()) && c.getMessage() != null
                        && c.getMessage().endsWith(validated.message()))
                .isEmpty();
    }

    private static String bootstrapServers(KafkaCluster cluster) {
        return ResourceNames.bootstrapService(cluster.getMetadata().getName()) + "."
                + cluster.getMetadata().getNamespace() + ".svc:" + Listener.CLIENT.podPort();
    }

    private static <R extends HasMetadata> Optional<R> secondary(Context<KafkaCluster> context, Class<R> kind,
                                                                 String name) {
        return context.getSecondaryResourcesAsStream(kind)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }
}
