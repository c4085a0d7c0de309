package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.api.v1beta1.KafkaCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The objects of one {@code helm template} run, parsed: built-in kinds as fabric8's model classes, KafkaClusters as
 * kafka-ha's API class, so tests check them the way the API server and the operator will read them.
 */
record RenderedChart(String yaml, List<HasMetadata> objects) {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            GenericKubernetesResource generic = SERIALIZATION.unmarshal(document, GenericKubernetesResource.class);
            objects.add(typed(generic));
        }
        return new RenderedChart(yaml, List.copyOf(objects));
    }

    private static HasMetadata typed(GenericKubernetesResource generic) {
        if (HasMetadata.getKind(KafkaCluster.class).equals(generic.getKind())) {
            assertThat(generic.getApiVersion()).isEqualTo(HasMetadata.getApiVersion(KafkaCluster.class));
            return SERIALIZATION.convertValue(generic, KafkaCluster.class);
        }
        // Re-read through the registered model classes (Deployment, Role, Pod, ...).
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(generic));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name
                + " among " + kindsAndNames()));
    }

    /** The one object of a kind, e.g. the KafkaCluster. */
    <T extends HasMetadata> T only(Class<T> kind) {
        List<T> found = all(kind);
        assertThat(found).as("%s objects among %s", kind.getSimpleName(), kindsAndNames()).hasSize(1);
        return found.get(0);
    }

    List<String> kindsAndNames() {
        return objects.stream().map(o -> o.getKind() + "/" + (o.getMetadata().getNamespace() == null ? ""
                : o.getMetadata().getNamespace() + "/") + o.getMetadata().getName()).toList();
    }
}
