package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.operator.roll.ClusterNodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pod Kubernetes' StatefulSet controller makes for one ordinal of a set: named {@code <set>-<ordinal>}, the
 * template's labels plus the pod-name and revision labels, its spec with the stable network identity
 * ({@code hostname}, {@code subdomain} = the governing Service) and one {@code persistentVolumeClaim} volume per
 * claim template ({@code <template>-<pod>}). Shared by the test stand-ins for that controller.
 */
public final class StatefulSetPod {
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String REVISION_LABEL = ClusterNodes.REVISION_LABEL;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private StatefulSetPod() {
    }

    public static String name(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    /**
     * {@code <set>-<hash>}: a deterministic digest of the pod template, as Kubernetes names ControllerRevisions,
     * so any change to the template (config hash annotation, env, image) is a new revision.
     */
    public static String revision(StatefulSet set) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JSON.asJson(set.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
            return set.getMetadata().getName() + "-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The pod for {@code ordinal} at the set's current template, labelled with {@link #revision}. */
    public static Pod of(StatefulSet set, int ordinal) {
        String name = name(set, ordinal);
        Map<String, String> labels = new LinkedHashMap<>(set.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(REVISION_LABEL, revision(set));
        PodSpecBuilder spec = new PodSpecBuilder(set.getSpec().getTemplate().getSpec())
                .withHostname(name)
                .withSubdomain(set.getSpec().getServiceName());
        for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
            String template = claim.getMetadata().getName();
            spec.addToVolumes(new VolumeBuilder().withName(template)
                    .withNewPersistentVolumeClaim().withClaimName(template + "-" + name).endPersistentVolumeClaim()
                    .build());
        }
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(set.getSpec().getTemplate().getMetadata().getAnnotations())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                            .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid())
                            .withController(true).build())
                .endMetadata()
                .withSpec(spec.build())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    /** The pod's DNS name through its governing headless Service: {@code <hostname>.<subdomain>.<ns>.svc}. */
    public static String dnsName(Pod pod) {
        return pod.getSpec().getHostname() + "." + pod.getSpec().getSubdomain() + "."
                + pod.getMetadata().getNamespace() + ".svc";
    }
}
