package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kafkaha.api.CrdGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart ships the CRDs generated from the API classes, byte for byte, and a CRD for every custom object it
 * renders, served in the version it renders. (api's CrdIsUpToDateTest says how to refresh them.)
 */
class ChartCrdTest {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void chartCrdsAreExactlyTheGeneratedOnes(@TempDir Path dir) throws IOException {
        List<Path> generated = CrdGenerator.generate(dir);
        Path chartCrds = KafkaHaChart.DIR.resolve("crds");

        try (var shipped = Files.list(chartCrds)) {
            assertThat(shipped.map(file -> file.getFileName().toString()).sorted().toList())
                    .isEqualTo(generated.stream().map(file -> file.getFileName().toString()).sorted().toList());
        }
        for (Path file : generated) {
            assertThat(chartCrds.resolve(file.getFileName())).as(CrdGenerator.REFRESH_COMMAND)
                    .hasSameTextualContentAs(file);
        }
    }

    @Test
    void everyCustomObjectTheChartRendersHasItsCrdServedInThatVersion() throws IOException {
        List<CustomResourceDefinition> crds;
        try (var files = Files.list(KafkaHaChart.DIR.resolve("crds"))) {
            crds = files.map(ChartCrdTest::read).toList();
        }
        List<HasMetadata> custom = KafkaHaChart.render("kafka", "data", "").objects().stream()
                .filter(object -> object.getApiVersion().contains(".io/") && !object.getApiVersion().contains("k8s.io"))
                .toList();

        assertThat(custom).isNotEmpty().allSatisfy(object -> assertThat(crds).anySatisfy(crd -> {
            assertThat(crd.getSpec().getNames().getKind()).isEqualTo(object.getKind());
            assertThat(object.getApiVersion()).startsWith(crd.getSpec().getGroup() + "/");
            assertThat(crd.getSpec().getVersions()).anySatisfy(version -> {
                assertThat(object.getApiVersion()).endsWith("/" + version.getName());
                assertThat(version.getServed()).isTrue();
                assertThat(version.getStorage()).isTrue();
                assertThat(version.getSubresources().getStatus()).isNotNull();
            });
            assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        }));
    }

    private static CustomResourceDefinition read(Path file) {
        try {
            return YAML.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
