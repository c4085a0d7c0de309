package io.kafkaha.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The baseline: 3 controllers + 3 brokers started by hand the way Kafka's quickstart starts one node, with the
 * same jars, the same heaps and the same Java as kafka-ha's nodes. Each node's {@code server.properties} holds
 * only what a separated KRaft cluster cannot do without ({@code process.roles}, {@code node.id},
 * {@code listeners}, {@code controller.listener.names}, {@code controller.quorum.bootstrap.servers},
 * {@code log.dirs}); everything else is Kafka's default, e.g. {@code min.insync.replicas=1}, and brokers
 * replicate over the client listener. Storage is formatted with {@code kafka-storage.sh format} (controllers with
 * {@code --initial-controllers}, the quickstart's dynamic quorum for three), then {@code kafka-server-start.sh}
 * runs. Every node formats and starts at once, as kafka-ha's nodes do, so the comparison is of what kafka-ha
 * adds, not of a sequential script.
 */
final class QuickstartCluster implements BenchCluster {
    private static final String HOST = "127.0.0.1";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path kafkaHome;
    private final Path dir;
    private final int portBase;
    private final Duration startTimeout;
    private final Map<String, Process> brokers = new LinkedHashMap<>();
    private final Map<String, Process> controllers = new LinkedHashMap<>();
    private boolean closed;

    QuickstartCluster(Path kafkaHome, Path dir, int portBase, Duration startTimeout) {
        this.kafkaHome = kafkaHome;
        this.dir = dir;
        this.portBase = portBase;
        this.startTimeout = startTimeout;
    }

    @Override
    public Variant variant() {
        return Variant.BASELINE;
    }

    @Override
    public Startup start() throws Exception {
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        String quorum = IntStream.range(0, CONTROLLERS).mapToObj(n -> HOST + ":" + controllerPort(n))
                .collect(Collectors.joining(","));
        List<String> initialControllers = new ArrayList<>();
        for (int n = 0; n < CONTROLLERS; n++) {
            initialControllers.add(controllerId(n) + "@" + HOST + ":" + controllerPort(n) + ":" + Uuid.randomUuid());
        }
        // initial-controllers' directory ids are written into each controller's meta.properties by format
        for (int n = 0; n < CONTROLLERS; n++) {
            String name = "controller-" + n;
            Path config = writeConfig(name, "controller", controllerId(n),
                    "CONTROLLER://" + HOST + ":" + controllerPort(n), quorum);
            synchronized (this) {
                checkOpen();
                controllers.put(name, launch(name, config, "-Xms128m -Xmx256m", List.of("--cluster-id", clusterId,
                        "--initial-controllers", String.join(",", initialControllers))));
            }
        }
        for (int n = 0; n < BROKERS; n++) {
            String name = "broker-" + n;
            Path config = writeConfig(name, "broker", n, "PLAINTEXT://" + HOST + ":" + (portBase + n), quorum);
            synchronized (this) {
                checkOpen();
                brokers.put(name, launch(name, config, "-Xms256m -Xmx512m", List.of("--cluster-id", clusterId)));
            }
        }
        ClusterReadiness.await(bootstrapServers(), BROKERS, startTimeout, this::checkNodesAlive);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Startup(wall, ProcessCpu.total(pids()));
    }

    private int controllerPort(int ordinal) {
        return portBase + 200 + ordinal;
    }

    private static int controllerId(int ordinal) {
        return 1000 + ordinal;
    }

    private Path writeConfig(String name, String role, int nodeId, String listeners, String quorum)
            throws IOException {
        Path nodeDir = dir.resolve(name);
        Files.createDirectories(nodeDir);
        Path config = nodeDir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=" + role,
                "node.id=" + nodeId,
                "listeners=" + listeners,
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=" + quorum,
                "log.dirs=" + nodeDir.resolve("data")) + "\n");
        return config;
    }

    /** {@code kafka-storage.sh format ... && exec kafka-server-start.sh server.properties}, one shell per node. */
    private Process launch(String name, Path config, String heap, List<String> formatArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "\"$KAFKA_HOME/bin/kafka-storage.sh\" format --config \"$NODE_CONFIG\" \"$@\""
                        + " && exec \"$KAFKA_HOME/bin/kafka-server-start.sh\" \"$NODE_CONFIG\"",
                name));
        command.addAll(formatArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name).resolve("node.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("KAFKA_HOME", kafkaHome.toString());
        env.put("NODE_CONFIG", config.toString());
        // as kafka-ha's local runtime gives its nodes: the benchmark's own Java, the same heaps
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KAFKA_HEAP_OPTS", heap);
        return builder.start();
    }

    private synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        controllers.values().forEach(process -> pids.add(process.pid()));
        brokers.values().forEach(process -> pids.add(process.pid()));
        return pids;
    }

    private synchronized void checkNodesAlive() {
        checkOpen();
        List<Map.Entry<String, Process>> all = new ArrayList<>(controllers.entrySet());
        all.addAll(brokers.entrySet());
        for (Map.Entry<String, Process> node : all) {
            if (!node.getValue().isAlive()) {
                Path log = dir.resolve(node.getKey()).resolve("node.log");
                throw new IllegalStateException("baseline " + node.getKey() + " exited (code "
                        + node.getValue().exitValue() + ") while starting: " + ProcessStopper.cause(log) + "\n"
                        + ProcessStopper.tail(log, 15));
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("baseline cluster was stopped");
        }
    }

    @Override
    public String bootstrapServers() {
        return IntStream.range(0, BROKERS).mapToObj(n -> HOST + ":" + (portBase + n))
                .collect(Collectors.joining(","));
    }

    /** Brokers first (a controlled shutdown needs the quorum), then controllers; then the data goes, logs stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessStopper.stop(brokers.values().stream().map(Process::toHandle).toList(), STOP_GRACE);
        ProcessStopper.stop(controllers.values().stream().map(Process::toHandle).toList(), STOP_GRACE);
        List<String> nodes = new ArrayList<>(controllers.keySet());
        nodes.addAll(brokers.keySet());
        nodes.forEach(node -> ProcessStopper.deleteTree(dir.resolve(node).resolve("data")));
    }
}
