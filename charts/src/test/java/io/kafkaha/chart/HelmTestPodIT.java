package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.cli.it.RenderedPods;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.operator.DesiredCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm test} for real: the KafkaCluster the chart installs, turned into pods by the operator's builders and
 * run as local Kafka processes ({@link RenderedPods}), then the chart's test pod — its command, its environment,
 * the image's {@code kafka-ha} launcher — run against it. Nothing of the chart or the image is re-stated here:
 * every part is read from the rendered objects and the files the image is built from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmTestPodIT {
    private static final String RELEASE = "kafka";
    private static final String NAMESPACE = "chart-it";

    @TempDir
    static Path root;
    private RenderedChart chart;
    private RenderedPods pods;

    @BeforeAll
    void installTheChartsCluster() {
        // The defaults, but volumes sized for a test machine (they are directories here anyway).
        chart = KafkaHaChart.render(RELEASE, NAMESPACE, """
                controllers: {persistence: {size: 256Mi}}
                brokers: {persistence: {size: 512Mi}}
                """);
        KafkaCluster cluster = chart.only(KafkaCluster.class);
        // Pod addresses: a part of 127/8 no other test uses.
        pods = RenderedPods.start(DesiredCluster.of(cluster, Uuid.randomUuid().toString()), root, "127.0.44.", 10);
    }

    @AfterAll
    void stopThePods() {
        if (pods != null) {
            pods.close();
        }
    }

    @Test
    void theTestPodProvesEveryMessageCameBack() throws Exception {
        pods.awaitReady();

        TestPodRun run = runTestPod(Map.of());

        System.out.println(run.output());
        assertThat(run.exitCode()).as("helm test output:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("helm test: waiting up to 240s for kafka.chart-it.svc:9092")
                .contains("brokers: 3 registered");
        Map<String, String> report = VerificationReport.parseSummary(
                run.output().substring(run.output().indexOf("acknowledged: ")));
        assertThat(Long.parseLong(report.get("acknowledged"))).as(run.output()).isGreaterThan(500);
        assertThat(report).containsEntry("consumed", report.get("acknowledged"))
                .containsEntry("lost", "0").containsEntry("duplicates", "0").containsEntry("order-violations", "0")
                .containsEntry("failed-sends", "0").containsEntry("result", "PASS");
    }

    @Test
    void theTestPodFailsWithTheReasonWhenTheClusterNeverAnswers() throws Exception {
        TestPodRun run = runTestPod(Map.of("BOOTSTRAP", "nowhere." + NAMESPACE + ".svc:9092", "WAIT_SECONDS", "3"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("helm test: FAIL: nowhere.chart-it.svc:9092 is not healthy after 3s");
    }

    private record TestPodRun(int exitCode, String output) {
    }

    /**
     * The test pod's container as a process: its command and env, exactly, plus what the image adds (the
     * {@code kafka-ha} launcher on the PATH, Java, {@code HOME=/tmp}) and the cluster DNS stand-in for the JVM.
     */
    private TestPodRun runTestPod(Map<String, String> envOverrides) throws IOException, InterruptedException {
        Pod test = chart.get(Pod.class, RELEASE + "-helm-test");
        Container container = test.getSpec().getContainers().get(0);
        Path bin = Files.createDirectories(root.resolve("test-pod-bin"));
        Path launcher = Files.copy(KafkaHaImage.LAUNCHER, bin.resolve("kafka-ha"),
                StandardCopyOption.REPLACE_EXISTING);
        launcher.toFile().setExecutable(true);

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        env.putAll(envOverrides);
        env.put("JAVA_OPTS", env.get("JAVA_OPTS") + " -Djdk.net.hosts.file=" + pods.hostsFile());
        env.putAll(KafkaHaImage.launcherEnvironment(bin));
        env.put("HOME", Files.createDirectories(root.resolve("test-pod-home")).toString());

        ProcessBuilder builder = new ProcessBuilder(List.copyOf(container.getCommand())).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = test.getSpec().getActiveDeadlineSeconds();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(deadline, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the test pod outlived its activeDeadlineSeconds (" + deadline + ")");
        }
        return new TestPodRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
