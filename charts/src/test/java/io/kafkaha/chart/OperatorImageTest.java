package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image cannot be built here (no container engine), so it is made correct by construction and these checks
 * hold its Dockerfile to the rest of the project: the jar it copies is the one the build makes, its Java runs the
 * project's bytecode, its user is the one the chart runs as, its entrypoint is the launcher, and the chart's
 * container arguments are accepted by the real CLI through that launcher.
 */
class OperatorImageTest {
    private static final Path REPOSITORY = KafkaHaImage.DIR.toAbsolutePath().normalize().getParent();
    private static final Pattern TEMURIN_JAVA = Pattern.compile("eclipse-temurin[-:](\\d+)");

    @Test
    void bothStagesRunAJavaThatRunsTheProjectsBytecode() throws IOException {
        int release = Integer.parseInt(System.getProperty("kafkaha.java.release", "17"));
        List<String> from = instructions("FROM");

        assertThat(from).hasSize(2);
        assertThat(from.get(0)).startsWith("maven:").endsWith(" AS build");
        for (String image : from) {
            Matcher java = TEMURIN_JAVA.matcher(image);
            assertThat(java.find()).as(image).isTrue();
            assertThat(Integer.parseInt(java.group(1))).as(image).isGreaterThanOrEqualTo(release);
        }
        assertThat(from.get(1)).as("a JRE is enough to run the operator").endsWith("-jre");
    }

    @Test
    void copiesTheJarTheBuildStageMakesAndRunsItThroughTheLauncher() throws IOException {
        assertThat(instructions("WORKDIR")).containsExactly("/src");
        assertThat(instructions("COPY").get(0)).isEqualTo(". .");
        assertThat(instructions("RUN").get(0)).contains("mvn").contains("-pl cli -am package");
        String jarCopy = instructions("COPY").get(1);
        assertThat(jarCopy).isEqualTo("--from=build /src/cli/target/kafka-ha.jar /opt/kafka-ha/kafka-ha.jar");

        // The path the build stage copies from is where this very build put the CLI's jar.
        Path built = REPOSITORY.resolve("cli/target/kafka-ha.jar");
        assertThat(built).isRegularFile();
        try (JarFile jar = new JarFile(built.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.kafkaha.cli.KafkaHaCommand");
        }
        assertThat(instructions("COPY").get(2)).isEqualTo("image/kafka-ha /usr/local/bin/kafka-ha");
        assertThat(instructions("ENTRYPOINT")).containsExactly("[\"/usr/local/bin/kafka-ha\"]");
        assertThat(Files.readString(KafkaHaImage.LAUNCHER))
                .as("the launcher's default jar is where the image puts it")
                .contains("${KAFKA_HA_JAR:-/opt/kafka-ha/kafka-ha.jar}");
        assertThat(Files.readString(REPOSITORY.resolve(".dockerignore"))).contains("**/target/");
    }

    @Test
    void runsAsTheUserTheChartDemands() throws IOException {
        RenderedChart chart = KafkaHaChart.render("kafka", "data", "");
        List<PodSecurityContext> contexts = List.of(
                chart.only(Deployment.class).getSpec().getTemplate().getSpec().getSecurityContext(),
                chart.only(Pod.class).getSpec().getSecurityContext());

        assertThat(instructions("USER")).containsExactly("10001:10001");
        assertThat(contexts).allSatisfy(context -> {
            assertThat(context.getRunAsNonRoot()).isTrue();
            assertThat(context.getRunAsUser()).isEqualTo(10001L);
            assertThat(context.getRunAsGroup()).isEqualTo(10001L);
        });
        assertThat(instructions("ENV")).as("the JVM's home for its scratch files is the writable /tmp")
                .contains("HOME=/tmp");
    }

    @Test
    void theChartsDefaultImageIsThisReleaseOfKafkaHa() {
        String projectVersion = System.getProperty("kafkaha.project.version", "0.1.0-SNAPSHOT");

        assertThat(ChartFacts.appVersion()).isEqualTo(projectVersion.replace("-SNAPSHOT", ""));
        assertThat(operator(KafkaHaChart.render("kafka", "data", "")).getImage())
                .isEqualTo("ghcr.io/kafka-ha/kafka-ha:" + ChartFacts.appVersion());
    }

    @Test
    void theCliAcceptsTheChartsOperatorArgumentsThroughTheLauncher() throws Exception {
        for (String values : List.of("", "operator: {watchAllNamespaces: true, healthPort: 9000}",
                "cluster: {enabled: false}\noperator: {watchNamespaces: [a, b]}")) {
            Container operator = operator(KafkaHaChart.render("kafka", "data", values));
            List<String> args = new ArrayList<>(operator.getArgs());
            // --help after the chart's arguments: picocli still rejects any it does not know, but starts nothing.
            args.add("--help");

            String usage = launch(args);

            assertThat(usage).as("args %s", operator.getArgs()).contains("Usage: kafka-ha operator");
        }
    }

    private static Container operator(RenderedChart chart) {
        return chart.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** Runs the image's launcher with the built jar, as the container's entrypoint; its output, or a failure. */
    private static String launch(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", KafkaHaImage.LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(KafkaHaImage.launcherEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kafka-ha %s:%n%s", args, output).isZero();
        return output;
    }

    /** The arguments of every instruction of that name in the Dockerfile, in order. */
    private static List<String> instructions(String name) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(KafkaHaImage.DIR.resolve("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith(name + " ")) {
                found.add(trimmed.substring(name.length() + 1).strip());
            }
        }
        return found;
    }
}
