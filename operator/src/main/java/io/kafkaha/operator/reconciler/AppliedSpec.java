package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spec a cluster's objects were last built from, kept as an annotation on {@code N-config} so that it survives
 * operator restarts. Change rules (no volume shrink, no storage class change) compare against it.
 */
final class AppliedSpec {
    static final String ANNOTATION = "kafkaha.io/applied-spec";
    private static final Logger LOG = LoggerFactory.getLogger(AppliedSpec.class);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private AppliedSpec() {
    }

    static String json(KafkaClusterSpec spec) {
        return JSON.asJson(spec);
    }

    static <T extends HasMetadata> T annotate(T object, KafkaClusterSpec spec) {
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(object.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, json(spec));
        object.getMetadata().setAnnotations(annotations);
        return object;
    }

    /** The spec recorded on {@code object}; empty if there is none or it cannot be read (then no change rules). */
    static Optional<KafkaClusterSpec> of(HasMetadata object) {
        String json = object == null || object.getMetadata().getAnnotations() == null ? null
                : object.getMetadata().getAnnotations().get(ANNOTATION);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.unmarshal(json, KafkaClusterSpec.class));
        } catch (RuntimeException e) {
            LOG.warn("Ignoring unreadable {} annotation on {}/{}: {}", ANNOTATION,
                    object.getMetadata().getNamespace(), object.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
