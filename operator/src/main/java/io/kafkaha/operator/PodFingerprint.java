package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.spec.NodeRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pod runs, recorded on its StatefulSet's pod template as annotations, so every pod carries the
 * fingerprint of what it was started with and the roll can say why an outdated pod restarts ({@link
 * io.kafkaha.core.plan.SpecDiff}). Image and resources are read from the container itself.
 */
public final class PodFingerprint {
    /** On a KafkaCluster: set it (or change its value, e.g. to the current time) to restart every node. */
    public static final String RESTART_REQUEST = "kafkaha.io/restart";
    static final String START_SCRIPT_HASH = "kafkaha.io/start-script-hash";
    static final String KAFKA_VERSION = "kafkaha.io/kafka-version";
    static final String RESTART_TOKEN = "kafkaha.io/restart-token";

    private PodFingerprint() {
    }

    /** The annotations kafka-ha puts on a role's pod template. */
    static Map<String, String> annotations(DesiredCluster cluster, NodeRole role) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ConfigHash.ANNOTATION, ConfigHash.forRole(cluster.rendered(), role));
        annotations.put(START_SCRIPT_HASH, ConfigHash.forStartScript(cluster.rendered()));
        annotations.put(KAFKA_VERSION, cluster.spec().effectiveVersion());
        annotations.put(RESTART_TOKEN, cluster.restartToken());
        return annotations;
    }

    /** The fingerprint of a pod, or of a pod template, from its metadata and spec. */
    public static NodeFingerprint of(ObjectMeta metadata, PodSpec spec) {
        Map<String, String> annotations = metadata == null || metadata.getAnnotations() == null ? Map.of()
                : metadata.getAnnotations();
        Container kafka = spec == null ? null : spec.getContainers().stream()
                .filter(container -> PodLayout.CONTAINER.equals(container.getName())).findFirst().orElse(null);
        return new NodeFingerprint(annotations.get(KAFKA_VERSION), kafka == null ? null : kafka.getImage(),
                annotations.get(ConfigHash.ANNOTATION), annotations.get(START_SCRIPT_HASH),
                kafka == null ? null : resources(kafka.getResources()), annotations.get(RESTART_TOKEN));
    }

    /** Requests and limits in a canonical form, so equal quantities written differently ("1Gi", "1024Mi") match. */
    static String resources(ResourceRequirements resources) {
        if (resources == null) {
            return "";
        }
        return "requests" + canonical(resources.getRequests()) + " limits" + canonical(resources.getLimits());
    }

    private static Map<String, String> canonical(Map<String, Quantity> quantities) {
        Map<String, String> canonical = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> canonical.put(name, amount(quantity)));
        }
        return canonical;
    }

    private static String amount(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity).stripTrailingZeros().toPlainString();
        } catch (RuntimeException unparsable) {
            return String.valueOf(quantity);
        }
    }
}
