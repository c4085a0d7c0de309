package io.kafkaha.chart;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * charts/kafka-ha run through the real Helm engine (helm-java, in-process), with values given as YAML exactly as
 * {@code helm install -f values.yaml} reads them.
 * <p>
 * helm-java's {@code template} returns the release's manifest without its hooks, so the {@code helm test} pod would
 * be missing. {@link #render} therefore templates a copy of the chart in which the test hook annotation is renamed
 * to {@link #TEST_HOOK_MARK}: the pod is rendered from the real template as a plain object, and the mark shows it
 * is a test hook in the chart.
 */
final class KafkaHaChart {
    /** The chart, as the pom tells surefire; the fallback serves IDE runs from {@code charts/}. */
    static final Path DIR = Path.of(System.getProperty("kafkaha.chart.dir", "kafka-ha")).toAbsolutePath().normalize();
    static final String HOOK_ANNOTATION = "helm.sh/hook";
    static final String TEST_HOOK_MARK = "kafkaha.io/rendered-from-hook";
    private static final Path WITH_HOOKS_AS_OBJECTS = copyWithHooksAsObjects();

    private KafkaHaChart() {
    }

    /** Every object {@code helm install} would create, test hooks included; Helm's error if the values are refused. */
    static RenderedChart render(String release, String namespace, String valuesYaml) {
        return RenderedChart.parse(withValues(valuesYaml, values -> new Helm(WITH_HOOKS_AS_OBJECTS).template()
                .withName(release).withNamespace(namespace).withValuesFile(values).call()));
    }

    /** The NOTES Helm prints after {@code helm install} (a client-only dry run of the real chart). */
    static String notes(String release, String namespace, String valuesYaml) {
        String output = withValues(valuesYaml, values -> new Helm(DIR).install().withName(release)
                .withNamespace(namespace).withValuesFile(values).clientOnly().dryRun().call().getOutput());
        int start = output.indexOf("NOTES:");
        if (start < 0) {
            throw new AssertionError("no NOTES in Helm's output:\n" + output);
        }
        return output.substring(start + "NOTES:".length());
    }

    private interface HelmRun {
        String call(Path valuesFile);
    }

    private static String withValues(String valuesYaml, HelmRun run) {
        Path values = null;
        try {
            values = Files.createTempFile("kafka-ha-values-", ".yaml");
            Files.writeString(values, valuesYaml);
            return run.call(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (values != null) {
                values.toFile().delete();
            }
        }
    }

    private static Path copyWithHooksAsObjects() {
        try {
            // In the build's own directory, made anew by each test JVM: nothing is left in /tmp.
            Path copy = Path.of("target", "chart-with-hooks-as-objects").toAbsolutePath();
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                    Path target = copy.resolve(DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (source.startsWith(DIR.resolve("templates")) && source.toString().endsWith(".yaml")) {
                        Files.writeString(target, Files.readString(source).replace(HOOK_ANNOTATION + ":",
                                TEST_HOOK_MARK + ":"));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
