package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafkaha.operator.StatefulSetPod;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the StatefulSet controller and the kubelet do, as far as the operator can see: every 50 ms, for each
 * StatefulSet, pods {@code <set>-<ordinal>} from the current template labelled with its revision (a deleted pod
 * comes back at the current revision; Ready when {@link #podsBecomeReady} is on), one claim per pod and claim
 * template (never deleted, as with a Retain policy), surplus pods removed, and the status with the update
 * revision and how many pods run it.
 */
final class FakeStatefulSetController implements AutoCloseable {
    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fake-statefulset-controller");
        thread.setDaemon(true);
        return thread;
    });
    volatile boolean podsBecomeReady = true;

    FakeStatefulSetController(KubernetesClient client) {
        this.client = client;
        loop.scheduleWithFixedDelay(this::syncAll, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void syncAll() {
        try {
            client.apps().statefulSets().inAnyNamespace().list().getItems().forEach(this::sync);
        } catch (RuntimeException e) {
            // The next round retries; objects may vanish between list and update.
        }
    }

    private void sync(StatefulSet set) {
        String namespace = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        int replicas = set.getSpec().getReplicas();
        String revision = StatefulSetPod.revision(set);
        int ready = 0;
        int updated = 0;
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = name + "-" + ordinal;
            Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
            if (pod == null) {
                pod = client.resource(StatefulSetPod.of(set, ordinal)).create();
            }
            if (revision.equals(pod.getMetadata().getLabels().get(StatefulSetPod.REVISION_LABEL))) {
                updated++;
            }
            set.getSpec().getVolumeClaimTemplates().forEach(template -> {
                String claim = template.getMetadata().getName() + "-" + podName;
                if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
                    client.resource(claim(template, claim, namespace)).create();
                }
            });
            if (isReady(pod)) {
                ready++;
            } else if (podsBecomeReady) {
                client.resource(new PodBuilder(pod).editStatus().withPhase("Running")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
                        .updateStatus();
                ready++;
            }
        }
        client.pods().inNamespace(namespace).withLabels(set.getSpec().getSelector().getMatchLabels()).list()
                .getItems().stream()
                .filter(pod -> ordinal(pod.getMetadata().getName(), name) >= replicas)
                .forEach(pod -> client.resource(pod).delete());
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(updated)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(updated == replicas ? revision : currentRevision(set, revision))
                .withUpdateRevision(revision)
                .build();
        if (!status.equals(set.getStatus())) {
            set.setStatus(status);
            client.resource(set).updateStatus();
        }
    }

    private static String currentRevision(StatefulSet set, String revision) {
        return set.getStatus() == null || set.getStatus().getCurrentRevision() == null ? revision
                : set.getStatus().getCurrentRevision();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int ordinal(String pod, String set) {
        try {
            return Integer.parseInt(pod.substring(set.length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static PersistentVolumeClaim claim(PersistentVolumeClaim template, String name, String namespace) {
        return new PersistentVolumeClaimBuilder(template)
                .editMetadata().withName(name).withNamespace(namespace).endMetadata()
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }
}
