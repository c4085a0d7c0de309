package io.kafkaha.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs committed in the Helm chart are exactly what the API classes generate today, so the schema the API
 * server enforces never drifts from the code that reads it.
 */
class CrdIsUpToDateTest {
    private static final String HOW_TO_FIX = "The CRDs in charts/kafka-ha/crds/ are out of date with the classes"
            + " in api/. Regenerate them from the repository root with\n    " + CrdGenerator.REFRESH_COMMAND
            + "\nand commit the result.";

    /** {@code charts/kafka-ha/crds}, as the pom tells surefire; the fallback serves IDE runs from {@code api/}. */
    private static final Path CHART_DIR = Path.of(System.getProperty("kafkaha.crd.chartDir",
            "../charts/kafka-ha/crds"));

    @Test
    void chartHoldsExactlyTheGeneratedCrds(@TempDir Path dir) throws IOException {
        List<Path> generated = CrdGenerator.generate(dir);

        assertThat(names(CrdGenerator.crdFiles(CHART_DIR))).as(HOW_TO_FIX).isEqualTo(names(generated));
        for (Path file : generated) {
            String expected = Files.readString(file);
            String committed = Files.readString(CHART_DIR.resolve(file.getFileName()));
            if (!committed.equals(expected)) {
                fail(HOW_TO_FIX + "\nFirst difference in " + file.getFileName() + ": " + firstDifference(committed,
                        expected));
            }
        }
    }

    @Test
    void refreshingReplacesChangedFilesAndRemovesStaleOnes(@TempDir Path dir) throws IOException {
        Path generatedDir = Files.createDirectories(dir.resolve("generated"));
        Path chartDir = Files.createDirectories(dir.resolve("chart"));
        List<Path> generated = CrdGenerator.generate(generatedDir);
        Files.writeString(chartDir.resolve(generated.get(0).getFileName()), "old");
        Files.writeString(chartDir.resolve("kafkagone.kafkaha.io-v1.yml"), "removed kind");
        Files.writeString(chartDir.resolve("README.md"), "not ours");

        CrdGenerator.writeInto(generated, chartDir);

        assertThat(names(CrdGenerator.crdFiles(chartDir))).isEqualTo(names(generated));
        assertThat(chartDir.resolve(generated.get(0).getFileName())).hasSameTextualContentAs(generated.get(0));
        assertThat(chartDir.resolve("README.md")).exists();
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    private static String firstDifference(String committed, String expected) {
        String[] was = committed.split("\n", -1);
        String[] is = expected.split("\n", -1);
        for (int line = 0; line < Math.max(was.length, is.length); line++) {
            String before = line < was.length ? was[line] : "<end of file>";
            String after = line < is.length ? is[line] : "<end of file>";
            if (!before.equals(after)) {
                return "line " + (line + 1) + "\n  committed: " + before + "\n  generated: " + after;
            }
        }
        return "none";
    }
}
