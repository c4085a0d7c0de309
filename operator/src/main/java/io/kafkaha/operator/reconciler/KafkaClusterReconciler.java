package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
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
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kafkaha.api.v1beta1.BrokerScalingStatus;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterSpecs;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.api.v1beta1.RollStatus;
import io.kafkaha.api.v1beta1.ValidatedSpec;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.kafka.KafkaReleases;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.MetadataUpgrade;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.plan.RollStep;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.PodFingerprint;
import io.kafkaha.operator.ResourceNames;
import io.kafkaha.operator.quorum.QuorumTurn;
import io.kafkaha.operator.roll.ClusterNodes;
import io.kafkaha.operator.roll.PodRoller;
import io.kafkaha.operator.roll.RollTurn;
import io.kafkaha.operator.scaling.BrokerScalingTurn;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a KafkaCluster's objects as its spec says and reports what it observes. Each reconciliation:
 * <ol>
 *   <li>validates the spec, including the change from the last applied spec ({@link AppliedSpec}); a refused
 *       spec only updates the status (SpecValid=False, Ready=False, field by field) and records a warning event —
 *       no owned object is touched, so the cluster keeps running as last applied;</li>
 *   <li>reads or creates the Kafka cluster id ({@link ClusterIds}), renders the cluster once and runs the
 *       dependents' workflow, which creates or updates every owned object;</li>
 *   <li>computes the status from the StatefulSets (and, where configured, Kafka's own view) and re-checks after
 *       {@link #NOT_READY_RECHECK} while the cluster is not ready;</li>
 *   <li>takes one turn of a controller count change ({@link QuorumTurn}): the controller StatefulSet grows or
 *       shrinks one pod at a time and voters are added or removed through Kafka (KIP-853), re-derived each time
 *       from the StatefulSet and the quorum Kafka describes;</li>
 *   <li>takes one turn of the rolling restart ({@link RollTurn}): pods whose revision is outdated are restarted
 *       one at a time, each only when Kafka's view says it is safe ({@link io.kafkaha.core.plan.RollPlanner}),
 *       re-checking every {@link #ROLL_RECHECK} until every pod runs the current spec. What the roll needs to
 *       resume lives in Kubernetes (pod revisions, {@code status.roll}), so a restarted operator carries on.</li>
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
// Not generation-aware: the restart annotation (PodFingerprint.RESTART_REQUEST) changes no generation.
@ControllerConfiguration(name = KafkaClusterReconciler.NAME, generationAwareEventProcessing = false)
public class KafkaClusterReconciler implements Reconciler<KafkaCluster> {
    public static final String NAME = "kafkacluster";
    static final String CONFIG_MAPS = "configmaps";
    static final String SERVICES = "services";
    static final String DISRUPTION_BUDGETS = "poddisruptionbudgets";
    static final String STATEFUL_SETS = "statefulsets";
    static final Duration NOT_READY_RECHECK = Duration.ofSeconds(10);
    /** While rolling: Kafka's ISR and quorum changes raise no Kubernetes event, so the roll looks again soon. */
    static final Duration ROLL_RECHECK = Duration.ofSeconds(2);
    static final String PODS = "pods";
    /** How the operator moves partitions: 50 MiB/s per broker, 20 partitions a batch (as the local runtime). */
    static final MoveSettings MOVE_SETTINGS = MoveSettings.defaults();
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterReconciler.class);

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
                informer(context, StatefulSet.class, STATEFUL_SETS),
                podInformer(context),
                new CrashedBrokerFencing(context, kafka, clock));
    }

    /**
     * kafka-ha's pods, for the roll: they are owned by their StatefulSet, not the KafkaCluster, so they map to
     * their cluster through the instance label every pod carries.
     */
    private static InformerEventSource<Pod, KafkaCluster> podInformer(EventSourceContext<KafkaCluster> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, KafkaCluster.class)
                .withName(PODS)
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.MANAGER)
                .withSecondaryToPrimaryMapper(pod -> Optional.ofNullable(pod.getMetadata().getLabels())
                        .map(labels -> labels.get(Labels.INSTANCE))
                        .map(cluster -> Set.of(new ResourceID(cluster, pod.getMetadata().getNamespace())))
                        .orElse(Set.of()))
                .build(), context);
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
        if (validated.isValid()) {
            aggregator.warnings(validated.warnings());
        }
        KafkaClusterStatus status = new KafkaClusterStatus();
        boolean upgradePending = false;
        // A quorum change or a broker scaling under way: no roll turn meanwhile, and a look again soon.
        boolean quorumChanging = false;
        boolean brokersRefused = false;
        status.setObservedGeneration(cluster.getMetadata().getGeneration());
        status.setBootstrapServers(bootstrapServers(cluster));

        if (!validated.isValid()) {
            if (isNewRefusal(previous, validated)) {
                events.warning(context.getClient(), cluster, ClusterEvents.SPEC_REFUSED, validated.message()
                        + " (nothing was changed; the cluster keeps running as last applied)");
            }
            status.setClusterId(previous == null ? null : previous.getClusterId());
            status.setRoll(previous == null ? null : previous.getRoll());
            status.setBrokerScaling(previous == null ? null : previous.getBrokerScaling());
            status.setVersion(applied != null ? applied.effectiveVersion()
                    : previous == null ? null : previous.getVersion());
            observeNodes(context, name, status, aggregator);
        } else {
            String clusterId = clusterIds.getOrCreate(context.getClient(), cluster);
            StatefulSet controllerSet = secondary(context, StatefulSet.class,
                    ResourceNames.statefulSet(name, NodeRole.CONTROLLER)).orElse(null);
            int specControllers = cluster.specOrDefaults().nodes(NodeRole.CONTROLLER).effectiveReplicas();
            int formation = ClusterIds.formation(context.getClient(), cluster)
                    .or(() -> QuorumTurn.formationOf(controllerSet)).orElse(specControllers);
            int controllersNow = controllerSet == null ? specControllers : controllerSet.getSpec().getReplicas();
            StatefulSet brokerSet = secondary(context, StatefulSet.class,
                    ResourceNames.statefulSet(name, NodeRole.BROKER)).orElse(null);
            int specBrokers = cluster.specOrDefaults().nodes(NodeRole.BROKER).effectiveReplicas();
            int brokersNow = brokerSet == null ? specBrokers : brokerSet.getSpec().getReplicas();
            DesiredCluster observed = DesiredCluster.of(cluster, clusterId, formation, controllersNow, brokersNow);
            KafkaView view = kafka.observe(observed);
            List<Pod> pods = context.getSecondaryResourcesAsStream(Pod.class).toList();
            QuorumTurn quorum = QuorumTurn.decide(name, specControllers, controllerSet, pods, view.health(),
                    view.error());
            BrokerScalingTurn brokers = brokerTurn(cluster, specBrokers, brokerSet, pods, view, observed);
            DesiredCluster desired = quorum.controllerReplicas() == controllersNow
                    && brokers.brokerReplicas() == brokersNow ? observed
                    : DesiredCluster.of(cluster, clusterId, formation, quorum.controllerReplicas(),
                            brokers.brokerReplicas());
            ClusterDependent.provide(context, desired);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            recordChange(context, cluster, applied, desired, clusterId);
            changeQuorum(context, cluster, desired, quorum, aggregator);
            status.setBrokerScaling(scaleBrokers(context, cluster, desired, brokers, aggregator));
            quorumChanging = !quorum.isSettled() || brokers.blocksRoll();
            brokersRefused = BrokerScalingTurn.REFUSED.equals(brokers.reason());
            status.setClusterId(clusterId);
            status.setVersion(desired.spec().effectiveVersion());
            observeNodes(context, name, status, aggregator);
            if (aggregator.isReady()) {
                view.health().ifPresent(health -> HealthVerdict.judge(health, brokerIds(desired), List.of())
                        .problems().forEach(problem -> aggregator.notReady("Kafka: " + problem)));
            }
            Optional<RollTurn> turn = quorumChanging ? keepRoll(cluster, status)
                    : roll(context, cluster, pods, view, status, aggregator);
            status.setRunningVersions(pods.stream().map(pod -> PodFingerprint.of(pod.getMetadata(), pod.getSpec())
                    .version()).filter(Objects::nonNull).distinct().sorted().toList());
            status.setMetadataVersion(view.health().filter(health -> health.metadataVersionLevel() >= 0)
                    .map(health -> KafkaReleases.metadataName(health.metadataVersionLevel()))
                    .orElse(previous == null ? null : previous.getMetadataVersion()));
            if (turn.isPresent() && !turn.get().isRolling() && view.health().isPresent()) {
                upgradePending = upgradeMetadata(context, cluster, desired, view.health().get(), status);
            }
        }
        aggregator.conditionsOn(status);

        boolean changed = !JSON.asJson(status).equals(previous == null ? null : JSON.asJson(previous));
        cluster.setStatus(status);
        UpdateControl<KafkaCluster> control = changed ? UpdateControl.patchStatus(cluster) : UpdateControl.noUpdate();
        // A refused spec waits for the user's next edit, which triggers a reconciliation by itself.
        if (status.getRoll() != null || upgradePending || quorumChanging) {
            return control.rescheduleAfter(ROLL_RECHECK);
        }
        // A refused broker scale-down waits for the user (or a topic's replication factor, which raises no event).
        return (aggregator.isReady() && !brokersRefused) || !validated.isValid() ? control
                : control.rescheduleAfter(NOT_READY_RECHECK);
    }

    /**
     * One turn of the rolling restart ({@link RollTurn}): restarts at most one outdated pod when the planner says
     * it is safe, and reports what happens. Skipped while a StatefulSet controller has not acted on the latest
     * template, as its pods' revisions cannot be judged yet.
     */
    private Optional<RollTurn> roll(Context<KafkaCluster> context, KafkaCluster cluster, List<Pod> pods,
                                    KafkaView view, KafkaClusterStatus status, ClusterStatusAggregator aggregator) {
        String name = cluster.getMetadata().getName();
        Map<NodeRole, StatefulSet> sets = new EnumMap<>(NodeRole.class);
        for (NodeRole role : NodeRole.values()) {
            secondary(context, StatefulSet.class, ResourceNames.statefulSet(name, role))
                    .ifPresent(set -> sets.put(role, set));
        }
        KafkaClusterStatus previous = cluster.getStatus();
        RollStatus previousRoll = previous == null ? null : previous.getRoll();
        Optional<List<NodeState>> nodes = ClusterNodes.observe(sets, pods);
        if (nodes.isEmpty()) {
            status.setRoll(previousRoll);
            return Optional.empty();
        }
        RollTurn turn = RollTurn.decide(nodes.get(), view.health(), view.error(), previousRoll, clock.instant());
        if (turn.step() instanceof RollStep.Restart restart) {
            PodRoller.restart(context.getClient(), cluster.getMetadata().getNamespace(), restart.node());
            events.normal(context.getClient(), cluster, ClusterEvents.RESTARTING, turn.message());
        } else if (!turn.isRolling() && previousRoll != null) {
            events.normal(context.getClient(), cluster, ClusterEvents.ROLL_COMPLETED, "rolling restart done: "
                    + turn.message());
        } else if (RollTurn.STALLED.equals(turn.reason()) && previous.condition(KafkaClusterStatus.ROLLING)
                .filter(c -> RollTurn.STALLED.equals(c.getReason())).isEmpty()) {
            events.warning(context.getClient(), cluster, ClusterEvents.ROLL_STALLED, turn.message());
        }
        aggregator.rolling(turn.isRolling(), turn.reason(), turn.message());
        status.setRoll(turn.status());
        return Optional.of(turn);
    }

    /**
     * Carries out a quorum turn's voter change (the replicas were set through the StatefulSet already) and reports
     * it: the {@code ControllerQuorum} condition, an event per step. A refusal by Kafka is reported and the
     * planner asked again at the next reconciliation.
     */
    private void changeQuorum(Context<KafkaCluster> context, KafkaCluster cluster, DesiredCluster desired,
                              QuorumTurn turn, ClusterStatusAggregator aggregator) {
        aggregator.quorum(turn.isSettled(), turn.reason(), turn.message());
        QuorumStep step = turn.step();
        if (step instanceof QuorumStep.AddVoter || step instanceof QuorumStep.RemoveVoter) {
            try {
                kafka.changeQuorum(desired, step);
            } catch (Exception e) {
                LOG.warn("Quorum change of {} failed: {}", cluster.getMetadata().getName(), step.description(), e);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                events.warning(context.getClient(), cluster, ClusterEvents.QUORUM_CHANGE_FAILED, "could not "
                        + step.description() + ": " + cause.getMessage() + "; asking again at the next"
                        + " reconciliation");
                aggregator.quorum(false, QuorumTurn.WAITING, "Kafka refused to " + step.description() + ": "
                        + cause.getMessage());
                return;
            }
        }
        if (step instanceof QuorumStep.AddVoter || step instanceof QuorumStep.RemoveVoter
                || step instanceof QuorumStep.StartObserver || step instanceof QuorumStep.StopController) {
            events.normal(context.getClient(), cluster, ClusterEvents.QUORUM_CHANGED, turn.message());
        }
    }

    /**
     * Decides a broker scaling turn; Kafka's partition placement is read only while the counts differ, partitions
     * move or a spread is due, so a settled cluster costs no more Admin calls than before.
     */
    private BrokerScalingTurn brokerTurn(KafkaCluster cluster, int specBrokers, StatefulSet brokerSet, List<Pod> pods,
                                         KafkaView view, DesiredCluster observed) {
        BrokerScalingStatus previous = cluster.getStatus() == null ? null : cluster.getStatus().getBrokerScaling();
        boolean rebalance = cluster.specOrDefaults().getBrokers() == null
                || cluster.specOrDefaults().getBrokers().effectiveRebalanceOnScaleUp();
        Optional<PartitionMover.Observed> placement = Optional.empty();
        String kafkaError = view.error();
        if (view.health().isPresent()
                && BrokerScalingTurn.needsPlacement(specBrokers, brokerSet, previous, view.health(), rebalance)) {
            try {
                placement = Optional.of(kafka.placement(observed));
            } catch (Exception e) {
                LOG.debug("Reading the partition placement of {} failed", observed.name(), e);
                kafkaError = "reading the partition placement failed: " + causeOf(e);
            }
        }
        return BrokerScalingTurn.decide(new BrokerScalingTurn.Inputs(cluster.getMetadata().getName(), specBrokers,
                rebalance, brokerSet, pods, view.health(), kafkaError, placement, previous, clock.instant(),
                MOVE_SETTINGS));
    }

    /**
     * Carries out a broker scaling turn's Kafka action (the replicas were set through the StatefulSet already) and
     * reports it: the {@code BrokerScaling} condition, an event per step. A failure is reported and the turn taken
     * again at the next reconciliation, from what Kubernetes and Kafka say then. Returns the status to keep.
     */
    private BrokerScalingStatus scaleBrokers(Context<KafkaCluster> context, KafkaCluster cluster,
                                             DesiredCluster desired, BrokerScalingTurn turn,
                                             ClusterStatusAggregator aggregator) {
        Optional<Condition> before = cluster.getStatus() == null ? Optional.empty()
                : cluster.getStatus().condition(KafkaClusterStatus.BROKER_SCALING);
        aggregator.brokerScaling(BrokerScalingTurn.AS_SPECIFIED.equals(turn.reason()), turn.reason(),
                turn.message());
        BrokerScalingTurn.Action action = turn.action();
        try {
            if (action instanceof BrokerScalingTurn.Submit submit) {
                kafka.submitMoves(desired, submit.brokers(), submit.batch(), MOVE_SETTINGS);
            } else if (action instanceof BrokerScalingTurn.Finish) {
                kafka.finishMoves(desired);
            } else if (action instanceof BrokerScalingTurn.Unregister unregister) {
                for (int id : unregister.brokerIds()) {
                    kafka.unregisterBroker(desired, id);
                }
            }
        } catch (Exception e) {
            LOG.warn("Broker scaling of {} failed: {}", cluster.getMetadata().getName(), turn.message(), e);
            events.warning(context.getClient(), cluster, ClusterEvents.BROKER_SCALING_FAILED, turn.message()
                    + ": Kafka refused (" + causeOf(e) + "); trying again at the next reconciliation");
            aggregator.brokerScaling(false, BrokerScalingTurn.WAITING, turn.message() + "; Kafka refused ("
                    + causeOf(e) + "), trying again");
            return cluster.getStatus() == null ? null : cluster.getStatus().getBrokerScaling();
        }
        boolean newReason = before.filter(c -> turn.reason().equals(c.getReason())).isEmpty();
        if (BrokerScalingTurn.REFUSED.equals(turn.reason())) {
            if (before.filter(c -> turn.message().equals(c.getMessage())).isEmpty()) {
                events.warning(context.getClient(), cluster, ClusterEvents.BROKER_SCALING_REFUSED, turn.message());
            }
        } else if (BrokerScalingTurn.STALLED.equals(turn.reason())) {
            if (newReason) {
                events.warning(context.getClient(), cluster, ClusterEvents.BROKER_SCALING_STALLED, turn.message());
            }
        } else if (!(action instanceof BrokerScalingTurn.None) || (newReason
                && !BrokerScalingTurn.WAITING.equals(turn.reason())
                && !BrokerScalingTurn.AS_SPECIFIED.equals(turn.reason()))) {
            events.normal(context.getClient(), cluster, ClusterEvents.BROKERS_SCALING, turn.message());
        }
        return turn.status();
    }

    private static String causeOf(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    /** While the quorum changes no roll turn is taken; the roll's status stays as it was. */
    private static Optional<RollTurn> keepRoll(KafkaCluster cluster, KafkaClusterStatus status) {
        status.setRoll(cluster.getStatus() == null ? null : cluster.getStatus().getRoll());
        return Optional.empty();
    }

    /**
     * The last step of a version upgrade ({@link MetadataUpgrade}): once every pod runs the new version and the
     * cluster is fully redundant, raise metadata.version. A refusal by Kafka is reported and tried again later.
     * Returns whether the upgrade still waits for this step (every pod runs the new version, the metadata version
     * is not raised yet), so the reconciler looks again soon: Kafka catching up raises no Kubernetes event.
     */
    private boolean upgradeMetadata(Context<KafkaCluster> context, KafkaCluster cluster, DesiredCluster desired,
                                 ClusterHealth health, KafkaClusterStatus status) {
        HealthVerdict verdict = HealthVerdict.judge(health, brokerIds(desired), controllerIds(desired));
        Optional<MetadataUpgrade> upgrade = MetadataUpgrade.next(status.getRunningVersions(),
                desired.spec().effectiveVersion(), true, health, verdict);
        if (upgrade.isEmpty()) {
            Optional<Short> target = KafkaReleases.metadataLevel(desired.spec().effectiveVersion());
            return target.isPresent() && health.metadataVersionLevel() >= 0
                    && health.metadataVersionLevel() < target.get()
                    && List.of(desired.spec().effectiveVersion()).equals(status.getRunningVersions());
        }
        String from = KafkaReleases.metadataName(health.metadataVersionLevel());
        try {
            kafka.raiseMetadataVersion(desired, upgrade.get().level());
            status.setMetadataVersion(upgrade.get().name());
            events.normal(context.getClient(), cluster, ClusterEvents.METADATA_VERSION_RAISED, "raised"
                    + " metadata.version from " + from + " to " + upgrade.get().name() + ": every node runs Kafka "
                    + desired.spec().effectiveVersion() + "; versions before it can no longer run this cluster");
            return false;
        } catch (Exception e) {
            LOG.warn("Raising metadata.version of {} to {} failed", cluster.getMetadata().getName(),
                    upgrade.get().name(), e);
            events.warning(context.getClient(), cluster, ClusterEvents.METADATA_VERSION_NOT_RAISED, "could not"
                    + " raise metadata.version from " + from + " to " + upgrade.get().name() + " (" + e.getMessage()
                    + "); trying again at the next reconciliation");
            return true;
        }
    }

    private static List<Integer> controllerIds(DesiredCluster desired) {
        return desired.rendered().nodes(NodeRole.CONTROLLER).stream().map(NodePlan::nodeId).toList();
    }

    private static List<Integer> brokerIds(DesiredCluster desired) {
        return desired.rendered().nodes(NodeRole.BROKER).stream().map(NodePlan::nodeId).toList();
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
        return ResourceNames.bootstrapServers(cluster.getMetadata().getName(), cluster.getMetadata().getNamespace());
    }

    private static <R extends HasMetadata> Optional<R> secondary(Context<KafkaCluster> context, Class<R> kind,
                                                                 String name) {
        return context.getSecondaryResourcesAsStream(kind)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }
}
