package io.kafkaha.cli.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.cli.UserError;
import io.kafkaha.cli.drill.DrillNode;
import io.kafkaha.cli.drill.DrillTarget;
import io.kafkaha.cli.drill.FaultNotInjected;
import io.kafkaha.cli.drill.KafkaView;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ResourceNames;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;

/**
 * A KafkaCluster run by the kafka-ha operator as a drill's target. Faults act on pods only, never on the
 * StatefulSets or the KafkaCluster: a kill deletes the node's pod with grace period 0, the nearest thing to SIGKILL
 * Kubernetes offers (the container is killed without waiting for Kafka's controlled shutdown). The StatefulSet
 * re-creates a deleted pod at once, so nodes cannot be kept down; starting them again is waiting until each
 * re-created pod (a new uid) is Ready and Kafka counts the node in again. Freezing a process would need an exec
 * into its container, which the drill does not do. RBAC: {@link KubernetesApiCalls#RBAC_NEEDED}.
 */
public final class KubernetesDrillTarget implements DrillTarget {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration GONE_WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;
    private final String bootstrapServers;
    private final Admin admin;
    /** The uid of each pod the drill deleted: its node is back once a pod of that name has another. */
    private final Map<String, String> deletedUids = new ConcurrentHashMap<>();
    private final List<DrillNode> brokers;
    private final List<DrillNode> controllers;

    private KubernetesDrillTarget(KubernetesClient client, String namespace, KafkaCluster resource,
                                  String bootstrapServers) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = resource.getMetadata().getName();
        this.bootstrapServers = bootstrapServers;
        this.brokers = nodes(resource, NodeRole.BROKER);
        this.controllers = nodes(resource, NodeRole.CONTROLLER);
        this.admin = Admin.create(ClientSettings.probingAdmin(bootstrapServers));
    }

    /**
     * The KafkaCluster {@code name} in {@code namespace}, reached at {@code bootstrapOverride} or else at its
     * bootstrap Service (resolvable inside the Kubernetes cluster); a {@link UserError} when it does not exist or
     * the API refuses.
     */
    public static KubernetesDrillTarget open(KubernetesClient client, String namespace, String name,
                                             String bootstrapOverride) {
        String url = client.getConfiguration().getMasterUrl();
        KafkaCluster resource = KubernetesApiCalls.call(url, "get kafkaclusters " + name + " in namespace "
                + namespace, () -> client.resources(KafkaCluster.class).inNamespace(namespace).withName(name).get(),
                UserError::new);
        if (resource == null) {
            throw new UserError("there is no KafkaCluster '" + name + "' in namespace '" + namespace + "' at " + url
                    + "; list them with 'kubectl get kafkaclusters -A', then name one with --name and --namespace");
        }
        String bootstrap = bootstrapOverride != null ? bootstrapOverride
                : ResourceNames.bootstrapServers(name, namespace);
        return new KubernetesDrillTarget(client, namespace, resource, bootstrap);
    }

    /** The nodes the spec asks for: the drill judges the cluster whole only with all of them. */
    private static List<DrillNode> nodes(KafkaCluster resource, NodeRole role) {
        String name = resource.getMetadata().getName();
        int replicas = resource.getSpec().nodes(role).effectiveReplicas();
        return IntStream.range(0, replicas)
                .mapToObj(ordinal -> new DrillNode(ClusterNaming.node(name, role, ordinal), role.nodeId(ordinal), role))
                .toList();
    }

    /** {@code NAMESPACE/NAME}, as the user named it. */
    public String name() {
        return namespace + "/" + cluster;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public List<DrillNode> brokers() {
        return brokers;
    }

    @Override
    public List<DrillNode> controllers() {
        return controllers;
    }

    @Override
    public ClusterHealth health() {
        return KafkaView.of(admin, "KafkaCluster '" + cluster + "' at " + bootstrapServers);
    }

    @Override
    public String killWord() {
        return "force-delete the pod of";
    }

    /**
     * Deletes every node's pod at once (all found first, so none is deleted if one is missing), then waits until each
     * old pod is gone.
     */
    @Override
    public void kill(Collection<DrillNode> nodes) {
        for (DrillNode node : nodes) {
            Pod pod = pod(node.name()).orElseThrow(() -> new FaultNotInjected("pod " + node.name() + " does not"
                    + " exist in namespace " + namespace + "; is the operator running?"));
            deletedUids.put(node.name(), pod.getMetadata().getUid());
        }
        for (DrillNode node : nodes) {
            api("delete pod " + node.name(), () -> client.pods().inNamespace(namespace).withName(node.name())
                    .withGracePeriod(0).delete());
        }
        long deadline = System.nanoTime() + GONE_WAIT.toNanos();
        for (DrillNode node : nodes) {
            while (pod(node.name()).filter(pod -> isDeleted(node, pod)).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new FaultNotInjected("pod " + node.name() + " was still there " + GONE_WAIT.toSeconds()
                            + " s after its deletion");
                }
                pause();
            }
        }
    }

    @Override
    public Optional<String> cannotKeepDown() {
        return Optional.of("on Kubernetes the StatefulSet re-creates a deleted pod at once");
    }

    @Override
    public Optional<String> cannotPause() {
        return Optional.of("freezing a broker's process (SIGSTOP) on Kubernetes needs an exec into its container,"
                + " which the drill does not do");
    }

    @Override
    public void pause(DrillNode node) {
        throw new FaultNotInjected(cannotPause().orElseThrow());
    }

    @Override
    public void resume(DrillNode node) {
        // nothing is ever paused here
    }

    @Override
    public Optional<String> cannotIsolate() {
        return Optional.of("cutting a broker's pod off the network needs a NetworkPolicy the cluster's network plugin"
                + " enforces, or access to the node, which the drill does not have");
    }

    @Override
    public void isolate(DrillNode node) {
        throw new FaultNotInjected(cannotIsolate().orElseThrow());
    }

    @Override
    public void reconnect(DrillNode node) {
        // nothing is ever cut off here
    }

    /**
     * Waits until each node's pod is a new one (not the uid the drill deleted), Ready, and Kafka counts the node in
     * again: a broker registered and unfenced, a controller a caught-up voter.
     */
    @Override
    public void start(Collection<DrillNode> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<String> notBack = notBack(nodes); notBack.isPresent(); notBack = notBack(nodes)) {
            if (System.nanoTime() > deadline) {
                throw new FaultNotInjected(names(nodes) + " not back within " + timeout.toSeconds() + " s ("
                        + notBack.get() + ")");
            }
            pause();
        }
        nodes.forEach(node -> deletedUids.remove(node.name()));
    }

    /** Empty once every node is back; else what is missing. */
    private Optional<String> notBack(Collection<DrillNode> nodes) {
        List<DrillNode> podsNotReady = nodes.stream().filter(node -> pod(node.name())
                .filter(pod -> !isDeleted(node, pod) && isReady(pod)).isEmpty()).toList();
        if (!podsNotReady.isEmpty()) {
            return Optional.of("pods not re-created and Ready: " + names(podsNotReady));
        }
        try {
            ClusterHealth health = health();
            List<DrillNode> notServing = nodes.stream().filter(node -> !isServing(health, node)).toList();
            return notServing.isEmpty() ? Optional.empty()
                    : Optional.of("Kafka does not count " + names(notServing) + " in yet");
        } catch (FaultNotInjected noAnswer) {
            return Optional.of(noAnswer.getMessage());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private boolean isDeleted(DrillNode node, Pod pod) {
        return pod.getMetadata().getUid().equals(deletedUids.get(node.name()));
    }

    private static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    private static boolean isServing(ClusterHealth health, DrillNode node) {
        if (node.role() == NodeRole.BROKER) {
            return health.brokers().stream().anyMatch(broker -> broker.nodeId() == node.nodeId() && !broker.fenced());
        }
        return health.voters().stream().anyMatch(voter -> voter.nodeId() == node.nodeId() && voter.caughtUp());
    }

    private Optional<Pod> pod(String name) {
        return Optional.ofNullable(api("get pod " + name,
                () -> client.pods().inNamespace(namespace).withName(name).get()));
    }

    private <T> T api(String what, java.util.function.Supplier<T> call) {
        return KubernetesApiCalls.call(client.getConfiguration().getMasterUrl(), what + " in namespace " + namespace,
                call, FaultNotInjected::new);
    }

    private static String names(Collection<DrillNode> nodes) {
        return String.join(", ", nodes.stream().map(DrillNode::name).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FaultNotInjected("interrupted while waiting for pods", interrupted);
        }
    }
}
