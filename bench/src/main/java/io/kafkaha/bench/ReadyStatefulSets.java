package io.kafkaha.bench;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The StatefulSet controller and kubelet as far as the operator sees them, for the mock API server, which has
 * none: every 200 ms each kafka-ha StatefulSet gets its pods {@code <set>-<ordinal>} (labelled with the set's
 * revision, Running and Ready at once) and a status saying all replicas are ready and updated. Nothing runs: the
 * benchmark measures the operator, not Kafka. Written only when something changed, so an idle cluster gets no
 * requests from here but the periodic list.
 */
final class ReadyStatefulSets implements AutoCloseable {
    private static final String REVISION_LABEL = "controller-revision-hash";
    private static final String MANAGED = "app.kubernetes.io/managed-by=kafka-ha";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-statefulset-controller");
        thread.setDaemon(true);
        return thread;
    });

    ReadyStatefulSets(KubernetesClient client) {
        this.client = client;
        loop.scheduleWithFixedDelay(this::syncAll, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void syncAll() {
        try {
            Set<String> pods = client.pods().inAnyNamespace().withLabel("app.kubernetes.io/managed-by", "kafka-ha")
                    .list().getItems().stream()
                    .map(pod -> pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .collect(Collectors.toSet());
            client.apps().statefulSets().inAnyNamespace().withLabelSelector(MANAGED).list().getItems()
                    .forEach(set -> sync(set, pods));
        } catch (RuntimeException e) {
            // The next round retries; objects may change between list and write.
        }
    }

    private void sync(StatefulSet set, Set<String> pods) {
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String revision = revision(set);
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String name = set.getMetadata().getName() + "-" + ordinal;
            if (!pods.contains(set.getMetadata().getNamespace() + "/" + name)) {
                Pod created = client.resource(pod(set, name, revision)).create();
                client.resource(new PodBuilder(created).editStatus().withPhase("Running")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
                        .updateStatus();
            }
        }
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
                .withCurrentRevision(revision).withUpdateRevision(revision)
                .build();
        if (!status.equals(set.getStatus())) {
            set.setStatus(status);
            client.resource(set).updateStatus();
        }
    }

    private static Pod pod(StatefulSet set, String name, String revision) {
        Map<String, String> labels = new LinkedHashMap<>(set.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("statefulset.kubernetes.io/pod-name", name);
        labels.put(REVISION_LABEL, revision);
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name).withNamespace(set.getMetadata().getNamespace()).withLabels(labels)
                    .withAnnotations(set.getSpec().getTemplate().getMetadata().getAnnotations())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                            .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid())
                            .withController(true).build())
                .endMetadata()
                .withSpec(set.getSpec().getTemplate().getSpec())
                .build();
    }

    /** {@code <set>-<hash>}: a digest of the pod template, as Kubernetes names a set's revisions. */
    private static String revision(StatefulSet set) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.asJson(set.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
            return set.getMetadata().getName() + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }
}
