package io.kafkaha.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * kafka-ha's side: {@code java -jar kafka-ha.jar local up} of a fresh cluster (its own {@code KAFKA_HA_HOME}),
 * timed from launching the command until it exits successfully, which it does once the cluster is healthy.
 * {@link #close()} runs {@code local down --purge}, then kills whatever node the pid files still name.
 */
final class KafkaHaCluster implements BenchCluster {
    static final String NAME = "bench";
    private static final String HOST = "127.0.0.1";
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(150);

    private final Path jar;
    private final Path kafkaHome;
    private final Path home;
    private final Path logDir;
    private final int portBase;
    private final Duration startTimeout;
    private Process up;
    private boolean closed;

    /**
     * @param home   {@code KAFKA_HA_HOME} of this cluster alone; deleted on close
     * @param logDir where the CLI's output and, on close, the nodes' logs are kept
     */
    KafkaHaCluster(Path jar, Path kafkaHome, Path home, Path logDir, int portBase, Duration startTimeout) {
        this.jar = jar;
        this.kafkaHome = kafkaHome;
        this.home = home;
        this.logDir = logDir;
        this.portBase = portBase;
        this.startTimeout = startTimeout;
    }

    @Override
    public Variant variant() {
        return Variant.KAFKA_HA;
    }

    @Override
    public Startup start() throws Exception {
        Files.createDirectories(logDir);
        Path log = logDir.resolve("local-up.log");
        Process process;
        long started;
        OptionalDouble cliCpuBefore = ProcessCpu.reapedChildrenOfSelf();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("kafka-ha cluster was stopped");
            }
            started = System.nanoTime();
            process = cli(log, "up", "--name", NAME, "--port-base", String.valueOf(portBase),
                    "--brokers", String.valueOf(BROKERS), "--controllers", String.valueOf(CONTROLLERS),
                    "--timeout", String.valueOf(startTimeout.toSeconds()));
            up = process;
        }
        boolean exited = process.waitFor(startTimeout.toSeconds() + 30, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - started;
        if (!exited) {
            process.destroyForcibly();
            throw new IllegalStateException("'kafka-ha local up' did not return within " + startTimeout.toSeconds()
                    + "s + 30s:\n" + ProcessStopper.tail(log, 15));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("'kafka-ha local up' failed (exit " + process.exitValue() + "): "
                    + whatFailed(log) + "\n" + ProcessStopper.tail(log, 20));
        }
        // the CLI has exited and been reaped, so its CPU time now counts among this JVM's children
        OptionalDouble cliCpuAfter = ProcessCpu.reapedChildrenOfSelf();
        OptionalDouble nodesCpu = ProcessCpu.total(nodeProcesses().stream().map(ProcessHandle::pid).toList());
        OptionalDouble cpu = cliCpuBefore.isPresent() && cliCpuAfter.isPresent() && nodesCpu.isPresent()
                && nodeProcesses().size() == BROKERS + CONTROLLERS
                ? OptionalDouble.of(cliCpuAfter.getAsDouble() - cliCpuBefore.getAsDouble() + nodesCpu.getAsDouble())
                : OptionalDouble.empty();
        return new Startup(Duration.ofNanos(elapsed), cpu);
    }

    /** The CLI's own verdict ("NODE exited while starting.") and, for a node that died, its first ERROR. */
    private String whatFailed(Path log) {
        try {
            String verdict = Files.readAllLines(log).stream().filter(line -> line.startsWith("kafka-ha: "))
                    .findFirst().map(line -> line.substring("kafka-ha: ".length())).orElse("");
            Matcher node = Pattern.compile("^(\\S+) exited while starting\\.").matcher(verdict);
            if (node.find()) {
                Path nodeLog = clusterDir().resolve("nodes").resolve(node.group(1)).resolve("node.log");
                return node.group(0) + " " + ProcessStopper.cause(nodeLog);
            }
            return verdict;
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /**
     * Runs {@code kafka-ha local ARGS} against this cluster, its output appended to {@code log}, or left to read
     * from the process when {@code log} is null.
     */
    Process cli(Path log, String... localArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "local"));
        command.addAll(List.of(localArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.PIPE
                        : ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KAFKA_HA_HOME", home.toString());
        builder.environment().put("KAFKA_HA_KAFKA_HOME", kafkaHome.toString());
        return builder.start();
    }

    @Override
    public String bootstrapServers() {
        return IntStream.range(0, BROKERS).mapToObj(n -> HOST + ":" + (portBase + n))
                .collect(Collectors.joining(","));
    }

    int portBase() {
        return portBase;
    }

    /** The live process of node {@code name} (e.g. kafka-broker-0), as its pid file names it. */
    Optional<ProcessHandle> nodeProcess(String name) {
        Path pidFile = clusterDir().resolve("nodes").resolve(name).resolve("pid");
        return Files.exists(pidFile) ? recorded(pidFile) : Optional.empty();
    }

    /** Where each node's directory (pid file, {@code node.log}) is, while the cluster exists. */
    Path nodesDir() {
        return clusterDir().resolve("nodes");
    }

    /** How many of the cluster's nodes have a live process. */
    int nodeProcessCount() {
        return nodeProcesses().size();
    }

    private Path clusterDir() {
        return home.resolve("clusters").resolve(NAME);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (up != null && up.isAlive()) {
            up.destroyForcibly(); // the CLI only; its nodes run in sessions of their own
            try {
                up.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // read before 'down' deletes the pid files, so a node 'down' fails to stop is still found
        List<ProcessHandle> nodes = nodeProcesses();
        keepNodeLogs();
        if (Files.exists(clusterDir().resolve("cluster.properties"))) {
            try {
                Process down = cli(logDir.resolve("local-down.log"), "down", "--purge", "--name", NAME);
                if (!down.waitFor(DOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    down.destroyForcibly();
                    System.err.println("bench: 'kafka-ha local down' did not return; killing the nodes");
                }
            } catch (IOException e) {
                System.err.println("bench: cannot run 'kafka-ha local down': " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ProcessStopper.kill(nodes);
        ProcessStopper.deleteTree(home);
    }

    /** The live processes the cluster's pid files ({@code pid startMillis}) name; a reused pid does not match. */
    private List<ProcessHandle> nodeProcesses() {
        List<ProcessHandle> processes = new ArrayList<>();
        Path nodes = clusterDir().resolve("nodes");
        if (!Files.isDirectory(nodes)) {
            return processes;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes)) {
            for (Path node : dirs) {
                Path pidFile = node.resolve("pid");
                if (Files.exists(pidFile)) {
                    recorded(pidFile).ifPresent(processes::add);
                }
            }
        } catch (IOException e) {
            System.err.println("bench: cannot list " + nodes + ": " + e.getMessage());
        }
        return processes;
    }

    private static Optional<ProcessHandle> recorded(Path pidFile) {
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            long startMillis = Long.parseLong(parts[1]);
            return ProcessHandle.of(Long.parseLong(parts[0])).filter(handle -> handle.info().startInstant()
                    .map(start -> Math.abs(start.toEpochMilli() - startMillis) < 2_000).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Copies the nodes' logs out of the cluster directory that {@code down --purge} deletes. */
    private void keepNodeLogs() {
        Path nodes = clusterDir().resolve("nodes");
        if (!Files.isDirectory(nodes)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes)) {
            for (Path node : dirs) {
                Path log = node.resolve("node.log");
                if (Files.exists(log)) {
                    Path copy = logDir.resolve(node.getFileName().toString()).resolve("node.log");
                    Files.createDirectories(copy.getParent());
                    Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("bench: cannot keep the node logs of " + nodes + ": " + e.getMessage());
        }
    }
}
