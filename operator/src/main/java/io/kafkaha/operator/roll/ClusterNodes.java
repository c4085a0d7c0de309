package io.kafkaha.operator.roll;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.plan.RestartReason;
import io.kafkaha.core.plan.SpecDiff;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.PodFingerprint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes of a cluster as Kubernetes shows them, for the roll planner. Pure: from the StatefulSets and their
 * pods as the informers hold them.
 * <ul>
 *   <li>A pod is <b>outdated</b> when its {@code controller-revision-hash} label differs from its StatefulSet's
 *       {@code status.updateRevision}; the reason is what differs between the pod's and the template's
 *       {@link PodFingerprint}, else "pod template changed".</li>
 *   <li>A node is <b>running</b> when its pod exists, is not being deleted and is Ready.</li>
 * </ul>
 */
public final class ClusterNodes {
    public static final String REVISION_LABEL = "controller-revision-hash";

    private ClusterNodes() {
    }

    /**
     * Every node the StatefulSets ask for. Empty when a StatefulSet's controller has not yet acted on its latest
     * spec: until it has, its update revision is stale and no pod can be judged outdated.
     */
    public static Optional<List<NodeState>> observe(Map<NodeRole, StatefulSet> sets, Collection<Pod> pods) {
        Map<String, Pod> byName = pods.stream().collect(Collectors.toMap(pod -> pod.getMetadata().getName(),
                Function.identity(), (a, b) -> a));
        List<NodeState> nodes = new ArrayList<>();
        for (NodeRole role : NodeRole.values()) {
            StatefulSet set = sets.get(role);
            if (set == null || !controllerCaughtUp(set)) {
                return Optional.empty();
            }
            for (int ordinal = 0; ordinal < set.getSpec().getReplicas(); ordinal++) {
                String name = set.getMetadata().getName() + "-" + ordinal;
                Pod pod = byName.get(name);
                nodes.add(new NodeState(name, role, role.nodeId(ordinal), pod != null && isRunning(pod),
                        pod == null ? null : outdatedBecause(set, pod)));
            }
        }
        return Optional.of(nodes);
    }

    /** The size of a roll that starts now: every node of the roles that have a node to restart. */
    public static int rollSize(List<NodeState> nodes) {
        List<NodeRole> rolling = nodes.stream().filter(node -> node.pending() != null).map(NodeState::role)
                .distinct().toList();
        return (int) nodes.stream().filter(node -> rolling.contains(node.role())).count();
    }

    public static int pending(List<NodeState> nodes) {
        return (int) nodes.stream().filter(node -> node.pending() != null).count();
    }

    static boolean controllerCaughtUp(StatefulSet set) {
        Long generation = set.getMetadata().getGeneration();
        Long observed = set.getStatus() == null ? null : set.getStatus().getObservedGeneration();
        return generation == null || (observed != null && observed >= generation);
    }

    private static RestartReason outdatedBecause(StatefulSet set, Pod pod) {
        String target = set.getStatus() == null ? null : set.getStatus().getUpdateRevision();
        Map<String, String> labels = pod.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(REVISION_LABEL);
        if (target == null || revision == null || target.equals(revision)) {
            return null;
        }
        NodeFingerprint running = PodFingerprint.of(pod.getMetadata(), pod.getSpec());
        NodeFingerprint desired = PodFingerprint.of(set.getSpec().getTemplate().getMetadata(),
                set.getSpec().getTemplate().getSpec());
        return SpecDiff.restartReason(running, desired).orElse(RestartReason.POD_TEMPLATE);
    }

    private static boolean isRunning(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
