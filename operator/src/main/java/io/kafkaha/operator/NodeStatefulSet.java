package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kafkaha.api.v1beta1.KafkaPodTemplate;
import io.kafkaha.api.v1beta1.NodesSpec;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.core.render.PodEnvironment;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code N-controller} / {@code N-broker}: one pod per node, {@code N-<role>-<ordinal>}, each with its own volume.
 * Pods start together ({@code Parallel}: controllers need each other to form the quorum), are restarted only by
 * the operator ({@code OnDelete}, so rolls can wait for Kafka to be safe), and their persistent volumes outlive
 * both the StatefulSet and scale-downs (data is never deleted implicitly); ephemeral brokers' data goes with
 * their pods ({@link DataVolume}).
 */
public final class NodeStatefulSet {
    /** Room for a controlled shutdown: the broker hands its partition leaderships over before it exits. */
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 120;
    private static final int READ_ONLY_FILE_MODE = 0444;

    private NodeStatefulSet() {
    }

    public static StatefulSet desired(DesiredCluster cluster, NodeRole role) {
        NodesSpec nodes = cluster.spec().nodes(role);
        StorageSpec storage = nodes.effectiveStorage();
        KafkaPodTemplate template = cluster.spec().effectiveTemplate();
        Map<String, String> annotations = new LinkedHashMap<>(
                template.getAnnotations() == null ? Map.of() : template.getAnnotations());
        annotations.putAll(PodFingerprint.annotations(cluster, role));
        return new StatefulSetBuilder()
                .withNewMetadata()
                    .withName(ResourceNames.statefulSet(cluster.name(), role))
                    .withNamespace(cluster.namespace())
                    .withLabels(Labels.forRole(cluster.name(), role))
                .endMetadata()
                .withNewSpec()
                    // What was rendered: controllers follow the quorum's changes one at a time (QuorumTurn).
                    .withReplicas(cluster.rendered().nodes(role).size())
                    .withServiceName(ResourceNames.headlessService(cluster.name(), role))
                    .withPodManagementPolicy("Parallel")
                    .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                    .withPersistentVolumeClaimRetentionPolicy(DataVolume.retentionPolicy(storage))
                    .withNewSelector().withMatchLabels(Labels.selector(cluster.name(), role)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(Labels.forPod(cluster.name(), role, template.getLabels()))
                            .withAnnotations(annotations)
                        .endMetadata()
                        .withSpec(podSpec(cluster, role, nodes, template))
                    .endTemplate()
                    .withVolumeClaimTemplates(DataVolume.claimTemplates(cluster.name(), role, storage))
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(DesiredCluster cluster, NodeRole role, NodesSpec nodes, KafkaPodTemplate template) {
        List<Toleration> tolerations = template.getTolerations() == null ? List.of()
                : template.getTolerations().stream().map(t -> new TolerationBuilder(t).build()).toList();
        return new PodSpecBuilder()
                .withContainers(container(cluster, role, nodes.getResources()))
                .withVolumes(volumes(cluster, nodes.effectiveStorage()))
                .withSecurityContext(PodSecurity.pod())
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS)
                // Kafka never calls the Kubernetes API.
                .withAutomountServiceAccountToken(false)
                // Service links would inject variables such as KAFKA_PORT (from a Service named kafka) or JMX_PORT
                // into the environment Kafka's scripts read.
                .withEnableServiceLinks(false)
                .withNodeSelector(template.getNodeSelector() == null ? null
                        : new LinkedHashMap<>(template.getNodeSelector()))
                .withTolerations(tolerations)
                .withAffinity(template.getAffinity() == null ? null
                        : new AffinityBuilder(template.getAffinity()).build())
                .withPriorityClassName(template.getPriorityClassName())
                .withTopologySpreadConstraints(PodSpreading.constraints(cluster.name(), role, template))
                .build();
    }

    private static Container container(DesiredCluster cluster, NodeRole role, ResourceRequirements resources) {
        return new ContainerBuilder()
                .withName(PodLayout.CONTAINER)
                .withImage(cluster.spec().effectiveImage())
                .withCommand(PodLayout.START_COMMAND_SHELL, PodLayout.startScriptPath())
                .withEnv(env(cluster, role, resources))
                .withPorts(ListenerPorts.containerPorts(role))
                .withStartupProbe(NodeProbes.startup(role))
                .withReadinessProbe(NodeProbes.readiness(role))
                .withLivenessProbe(NodeProbes.liveness(role))
                .withResources(resources == null ? null : new ResourceRequirementsBuilder(resources).build())
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(mounts())
                .build();
    }

    /**
     * The renderer's environment for the role, the pod's own name first (bound to {@code metadata.name}) because
     * Kubernetes expands {@code $(KAFKA_HA_NODE_NAME)} in later values only; then the pod's paths and heap.
     */
    static List<EnvVar> env(DesiredCluster cluster, NodeRole role, ResourceRequirements resources) {
        List<EnvVar> env = new ArrayList<>();
        PodEnvironment.forRole(cluster.rendered(), role, cluster.addressing()).forEach((name, value) ->
                env.add(name.equals(StartScript.NODE_NAME) ? podName(name) : new EnvVar(name, value, null)));
        PodLayout.runtimeEnv().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        JvmHeap.options(resources).ifPresent(heap -> env.add(new EnvVar("KAFKA_HEAP_OPTS", heap, null)));
        return env;
    }

    /**
     * {@code value: ""} beside {@code valueFrom}, which Kubernetes accepts (only a non-empty value conflicts with it)
     * and stores without. JOSDK's server-side-apply comparison (its PodTemplateSpecSanitizer) writes
     * {@code value: ""} into the stored form of every variable that has no value before comparing it with this one:
     * kube-apiserver's field ownership leaves that filled-in value out of the comparison either way, but a server
     * that owns whole lists (a simpler SSA emulation) compares it, and without the empty value here every
     * reconciliation would re-apply the StatefulSet ({@code ServerSideApplyMatchTest}).
     */
    private static EnvVar podName(String name) {
        return new EnvVarBuilder().withName(name).withValue("")
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom()
                .build();
    }

    private static List<Volume> volumes(DesiredCluster cluster, StorageSpec storage) {
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName(PodLayout.CONFIG_VOLUME)
                        .withNewConfigMap()
                            .withName(ResourceNames.configMap(cluster.name()))
                            .withDefaultMode(READ_ONLY_FILE_MODE)
                        .endConfigMap()
                        .build(),
                new VolumeBuilder().withName(PodLayout.TMP_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(PodLayout.LOGS_VOLUME).withNewEmptyDir().endEmptyDir().build()));
        volumes.addAll(DataVolume.podVolumes(storage));
        return volumes;
    }

    private static List<VolumeMount> mounts() {
        return List.of(
                mount(PodLayout.CONFIG_VOLUME, PodLayout.CONFIG_DIR, true),
                mount(PodLayout.TMP_VOLUME, PodLayout.TMP_DIR, false),
                mount(PodLayout.LOGS_VOLUME, PodLayout.LOG_DIR, false),
                mount(PodLayout.DATA_VOLUME, PodLayout.DATA_DIR, false));
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly ? true : null)
                .build();
    }
}
