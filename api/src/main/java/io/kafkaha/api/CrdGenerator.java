package io.kafkaha.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kafkaha.api.v1beta1.KafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the CustomResourceDefinitions from the API classes (their Jackson and fabric8 annotations), the one
 * source of truth for the schema. The build runs it at {@code process-classes} into {@code api/target/crds};
 * {@code CrdIsUpToDateTest} then fails if the copy committed in the Helm chart differs. To refresh that copy:
 * <pre>mvn -B -o -pl core,api process-classes -Dkafkaha.crd.write=true</pre>
 */
public final class CrdGenerator {
    /** Every custom resource kafka-ha defines. */
    public static final List<Class<? extends HasMetadata>> RESOURCES = List.of(KafkaCluster.class);
    /** How the generator names its files ({@code <plural>.<group>-v1.yml}); only these are ours to replace. */
    static final String FILE_SUFFIX = ".kafkaha.io-v1.yml";
    public static final String REFRESH_COMMAND = "mvn -B -o -pl core,api process-classes -Dkafkaha.crd.write=true";

    private CrdGenerator() {
    }

    /** Usage: {@code CrdGenerator <outputDir> [<chartCrdDir> <write: true|false>]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            throw new IllegalArgumentException("usage: CrdGenerator <outputDir> [<chartCrdDir> <true|false>]");
        }
        List<Path> generated = generate(Path.of(args[0]));
        if (args.length == 3 && Boolean.parseBoolean(args[2])) {
            for (Path file : writeInto(generated, Path.of(args[1]))) {
                System.out.println("[kafka-ha] wrote " + file.toAbsolutePath().normalize());
            }
        }
    }

    /** Writes one file per CRD into {@code dir}, replacing earlier ones, and returns them sorted by name. */
    public static List<Path> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path earlier : crdFiles(dir)) {
            Files.delete(earlier);
        }
        new CRDGenerator()
                .customResourceClasses(RESOURCES)
                .forCRDVersions("v1")
                .withParallelGenerationEnabled(false)
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                        return printerColumnsInDeclaredOrder(crd);
                    }
                })
                .inOutputDir(dir.toFile())
                .generate();
        return crdFiles(dir);
    }

    /**
     * kubectl shows printer columns in the CRD's order, but the generator does not keep the order the
     * {@code @AdditionalPrinterColumn}s are declared in; put them back in it (READY, BROKERS, ..., AGE).
     */
    static HasMetadata printerColumnsInDeclaredOrder(HasMetadata crd) {
        if (crd instanceof CustomResourceDefinition definition) {
            Class<? extends HasMetadata> resource = RESOURCES.stream()
                    .filter(r -> HasMetadata.getFullResourceName(r).equals(definition.getMetadata().getName()))
                    .findFirst().orElseThrow();
            List<String> declared = Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
            }
        }
        return crd;
    }

    /** The generated CRD files in {@code dir}, sorted by name. */
    public static List<Path> crdFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(FILE_SUFFIX)).sorted().toList();
        }
    }

    /** Replaces the chart's CRD files with {@code generated}, removing ones no class produces any more. */
    static List<Path> writeInto(List<Path> generated, Path chartDir) throws IOException {
        Files.createDirectories(chartDir);
        List<String> names = generated.stream().map(f -> f.getFileName().toString()).toList();
        for (Path stale : crdFiles(chartDir)) {
            if (!names.contains(stale.getFileName().toString())) {
                Files.delete(stale);
            }
        }
        List<Path> written = new ArrayList<>();
        for (Path file : generated) {
            written.add(Files.copy(file, chartDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING));
        }
        return written;
    }
}
