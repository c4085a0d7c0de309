package io.kafkaha.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kafka-ha operator} as a process of its own, the way users run it, against a kubeconfig; its output goes to
 * a log file. The reconcile-time log ({@code ReconcileTimes}) is switched on through {@code JAVA_TOOL_OPTIONS},
 * the same way for every launch, so no launch gets a JVM flag of the benchmark's on its own command line.
 */
final class OperatorProcess implements AutoCloseable {
    /** How the operator is started: the two sides of the footprint benchmark. */
    enum Launch {
        /** {@code java -jar kafka-ha.jar operator}: what the launcher did before it chose JVM settings. */
        PLAIN_JAVA("java -jar, no flags"),
        /** The kafka-ha launcher script ({@code image/kafka-ha}, which {@code ./kafka-ha} runs too). */
        LAUNCHER("kafka-ha launcher");

        private final String label;

        Launch(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static final String TIMING_PROPERTY = "-Dorg.slf4j.simpleLogger.log.io.kafkaha.operator.runtime.ReconcileTimes=debug";
    /** {@code ReconcileTimes}: "reconcile NAMESPACE/NAME in N ms". */
    private static final Pattern RECONCILED = Pattern.compile("reconcile (\\S+) in (\\d+) ms");

    private final Process process;
    private final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static OperatorProcess start(Launch launch, Path jar, Path launcher, Path kubeconfig, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(switch (launch) {
            case PLAIN_JAVA -> List.of(java, "-jar", jar.toString());
            case LAUNCHER -> List.of("sh", launcher.toString());
        });
        command.addAll(List.of("operator", "--kubeconfig", kubeconfig.toString(), "--health-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("KUBECONFIG");
        env.remove("KUBERNETES_SERVICE_HOST");
        env.remove("JAVA_OPTS");
        env.remove("MALLOC_ARENA_MAX");
        // BENCH_OPERATOR_OPTIONS: more system properties for diagnosis, e.g. a JOSDK logger at debug.
        env.put("JAVA_TOOL_OPTIONS", (TIMING_PROPERTY + " " + System.getenv().getOrDefault("BENCH_OPERATOR_OPTIONS",
                "")).strip());
        env.put("KAFKA_HA_JAR", jar.toString());
        env.put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
        return new OperatorProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the operator logs that it started; fails if it exits or takes longer than {@code timeout}. */
    void awaitStarted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logText().contains("Operator started")) {
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IOException("the operator did not start within " + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(50);
        }
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("the operator exited with " + process.exitValue() + "; see " + log);
        }
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Reconcile durations (ms) the operator logged after {@code offset} characters of its log, for one cluster. */
    List<Long> reconcileMillis(int offset, String namespacedName) throws IOException {
        String text = logText();
        Matcher matcher = RECONCILED.matcher(text.substring(Math.min(offset, text.length())));
        List<Long> millis = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1).equals(namespacedName)) {
                millis.add(Long.parseLong(matcher.group(2)));
            }
        }
        return millis;
    }

    /** SIGTERM, as Kubernetes stops a pod; SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
