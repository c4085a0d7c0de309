package io.kafkaha.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.StorageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated CRD carries what the API server should enforce and show, read back from the YAML itself. */
class CrdSchemaTest {
    /** Fields of Kubernetes' own types (ResourceRequirements, Affinity, ...), documented by Kubernetes, not us. */
    private static final Set<String> KUBERNETES_TYPES = Set.of("resources", "affinity", "tolerations",
            "topologySpreadConstraints", "conditions");
    private static CustomResourceDefinition crd;
    private static CustomResourceDefinitionVersion version;
    private static JSONSchemaProps spec;

    @BeforeAll
    static void generate(@TempDir Path dir) throws IOException {
        List<Path> files = CrdGenerator.generate(dir);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("kafkaclusters.kafkaha.io-v1.yml");
        crd = Serialization.unmarshal(Files.readString(files.get(0)), CustomResourceDefinition.class);
        version = crd.getSpec().getVersions().get(0);
        spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    @Test
    void namesScopeAndVersion() {
        assertThat(crd.getMetadata().getName()).isEqualTo("kafkaclusters.kafkaha.io");
        assertThat(crd.getSpec().getGroup()).isEqualTo("kafkaha.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("KafkaCluster");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("kc");
        assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("v1beta1");
            assertThat(v.getServed()).isTrue();
            assertThat(v.getStorage()).isTrue();
            assertThat(v.getSubresources().getStatus()).as("status subresource").isNotNull();
        });
    }

    @Test
    void printerColumnsInKubectlOrder() {
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
                        CustomResourceColumnDefinition::getType)
                .containsExactly(
                        tuple("Ready",
                                ".status.conditions[?(@.type==\"Ready\")].status", "string"),
                        tuple("Brokers", ".status.brokers", "string"),
                        tuple("Controllers", ".status.controllers", "string"),
                        tuple("Version", ".status.version", "string"),
                        tuple("Age", ".metadata.creationTimestamp", "date"));
    }

    @Test
    void replicasHaveAMinimumOfOneAndDefaultToThree() {
        for (String role : List.of("controllers", "brokers")) {
            JSONSchemaProps replicas = field(role, "replicas");
            assertThat(replicas.getType()).isEqualTo("integer");
            assertThat(replicas.getMinimum()).as(role).isEqualTo(1.0);
            assertThat(replicas.getDefault().asInt()).as(role).isEqualTo(3);
        }
    }

    @Test
    void sizesArePatternCheckedRequiredAndDefaultPerRole() {
        assertThat(field("brokers", "storage").getDefault().get("size").asText()).isEqualTo("10Gi");
        assertThat(field("controllers", "storage").getDefault().get("size").asText()).isEqualTo("1Gi");
        for (String role : List.of("controllers", "brokers")) {
            JSONSchemaProps storage = field(role, "storage");
            assertThat(storage.getRequired()).containsExactly("size");
            assertThat(storage.getProperties().get("size").getPattern()).isEqualTo(StorageSpec.SIZE_PATTERN);
            assertThat(storage.getProperties().get("storageClassName").getMaxLength()).isEqualTo(253L);
            assertThat(storage.getXKubernetesValidations()).extracting(ValidationRule::getRule).singleElement()
                    .asString().contains("oldSelf.storageClassName");
        }
    }

    @Test
    void ephemeralIsAnOptionalBooleanWithoutDefault() {
        for (String role : List.of("controllers", "brokers")) {
            JSONSchemaProps ephemeral = field(role, "storage").getProperties().get("ephemeral");
            assertThat(ephemeral.getType()).as(role).isEqualTo("boolean");
            // No default: stored objects stay as written, and absent means a persistent volume.
            assertThat(ephemeral.getDefault()).as(role).isNull();
        }
    }

    @Test
    void versionIsPatternCheckedAndDefaultsToTheBuildsKafka() {
        JSONSchemaProps kafkaVersion = spec.getProperties().get("version");
        assertThat(kafkaVersion.getPattern()).isEqualTo("^[0-9]+\\.[0-9]+\\.[0-9]+$");
        assertThat(kafkaVersion.getDefault().asText()).isEqualTo(KafkaClusterSpec.DEFAULT_VERSION);
    }

    @Test
    void defaultsCascadeFromAnEmptySpec() {
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        assertThat(root.getProperties().get("spec").getDefault().isEmpty()).isTrue();
        assertThat(spec.getProperties().get("controllers").getDefault().isEmpty()).isTrue();
        assertThat(spec.getProperties().get("brokers").getDefault().isEmpty()).isTrue();
    }

    @Test
    void configIsAMapOfStrings() {
        assertThat(field("brokers", "config").getAdditionalProperties().getSchema().getType()).isEqualTo("string");
    }

    @Test
    void everySpecAndStatusFieldIsDocumented() {
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        assertThat(undocumented("spec", root.getProperties().get("spec"), 3)).isEmpty();
        assertThat(undocumented("status", root.getProperties().get("status"), 1)).isEmpty();
    }

    @Test
    void unknownFieldsAreNeverPreservedSoTheApiServerRefusesOrDropsThem() {
        String yaml = Serialization.asYaml(crd);
        assertThat(yaml).doesNotContain("x-kubernetes-preserve-unknown-fields");
    }

    private static JSONSchemaProps field(String role, String name) {
        return spec.getProperties().get(role).getProperties().get(name);
    }

    /** Paths of our own fields without a description, down to {@code depth} levels. */
    private static List<String> undocumented(String path, JSONSchemaProps schema, int depth) {
        List<String> missing = new ArrayList<>();
        if (schema.getDescription() == null || schema.getDescription().isBlank()) {
            missing.add(path);
        }
        if (depth > 0 && schema.getProperties() != null && !KUBERNETES_TYPES.contains(path.replaceAll(".*\\.", ""))) {
            for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
                missing.addAll(undocumented(path + "." + property.getKey(), property.getValue(), depth - 1));
            }
        }
        return missing;
    }
}
