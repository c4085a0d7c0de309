package io.kafkaha.kubelet;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafkaha.operator.StatefulSetPod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What Kubernetes' StatefulSet controller does for an {@code OnDelete}, {@code Parallel} set, one pass at a time:
 * creates each missing pod {@code <set>-<ordinal>} below {@code replicas} from the set's current template
 * (labelled with its revision, {@link StatefulSetPod}) and its claims, deletes pods at or above {@code replicas},
 * and writes the status. Pods are never replaced because the template changed: whoever deletes a pod decides
 * when it moves to the update revision. A pod whose previous container is still terminating is not re-created
 * yet, as a real pod object would still exist until then.
 */
final class StatefulSetController {
    private final KubernetesClient client;
    private final Predicate<String> terminating;
    /**
     * Each set's current revision (by namespace, name and uid), kept here rather than read back from the status: the mock API server
     * drops a StatefulSet's status whenever the set itself is updated, as the operator does on a spec change.
     */
    private final Map<String, String> currentRevisions = new ConcurrentHashMap<>();

    /** @param terminating whether the container of a pod of that name is still shutting down */
    StatefulSetController(KubernetesClient client, Predicate<String> terminating) {
        this.client = client;
        this.terminating = terminating;
    }

    void sync(StatefulSet set) {
        String namespace = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String updateRevision = StatefulSetPod.revision(set);
        Map<String, Pod> pods = client.pods().inNamespace(namespace)
                .withLabels(set.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), Function.identity()));
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = StatefulSetPod.name(set, ordinal);
            if (!pods.containsKey(podName) && !terminating.test(podName)) {
                pods.put(podName, client.resource(StatefulSetPod.of(set, ordinal)).create());
            }
            for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
                String claim = template.getMetadata().getName() + "-" + podName;
                if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
                    client.resource(new PersistentVolumeClaimBuilder(template)
                            .editMetadata().withName(claim).withNamespace(namespace).endMetadata().build()).create();
                }
            }
        }
        pods.values().stream().filter(pod -> ordinal(pod, name) >= replicas)
                .forEach(pod -> client.resource(pod).delete());
        List<Pod> members = pods.values().stream()
                .filter(pod -> ordinal(pod, name) >= 0 && ordinal(pod, name) < replicas).toList();
        writeStatus(set, replicas, updateRevision, members);
    }

    private void writeStatus(StatefulSet set, int replicas, String updateRevision, List<Pod> members) {
        StatefulSetStatus previous = set.getStatus();
        int updated = atRevision(members, updateRevision);
        // The current revision moves to the update revision once every pod runs it, as Kubernetes does.
        String currentRevision = currentRevisions.compute(
                set.getMetadata().getNamespace() + "/" + set.getMetadata().getName() + "/" + set.getMetadata().getUid(),
                (key, current) ->
                current == null || updated == replicas ? updateRevision : current);
        int ready = (int) members.stream().filter(pod -> PodStatusReport.isReady(pod.getStatus())).count();
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(members.size())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(atRevision(members, currentRevision))
                .withUpdatedReplicas(updated)
                .withCurrentRevision(currentRevision)
                .withUpdateRevision(updateRevision)
                .build();
        if (!status.equals(previous)) {
            set.setStatus(status);
            client.resource(set).updateStatus();
        }
    }

    private static int atRevision(List<Pod> pods, String revision) {
        return (int) pods.stream()
                .filter(pod -> revision.equals(pod.getMetadata().getLabels().get(StatefulSetPod.REVISION_LABEL)))
                .count();
    }

    private static int ordinal(Pod pod, String set) {
        try {
            return Integer.parseInt(pod.getMetadata().getName().substring(set.length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
