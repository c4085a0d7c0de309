package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real start-kafka.sh under /bin/sh against a recording KAFKA_HOME: fast, and it exercises exactly the
 * shell the pods run. (The integration tests run it against real Kafka.)
 */
class StartScriptTest {
    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @TempDir
    Path dir;
    private RenderedCluster cluster;

    @BeforeEach
    void setUp() throws IOException {
        cluster = ClusterRenderer.render(ClusterSpec.seed("kafka"), LocalAddressing.loopback(9092), CLUSTER_ID);
        Files.createDirectories(dir.resolve("config"));
        cluster.configFiles().forEach((name, text) -> write(dir.resolve("config").resolve(name), text));
        write(dir.resolve(StartScript.FILE_NAME), cluster.startScript());
        // Stand-ins that record their arguments; the storage tool marks the log dir formatted, as Kafka's does.
        Path bin = Files.createDirectories(dir.resolve("kafka/bin"));
        script(bin.resolve("kafka-storage.sh"), "echo \"$@\" >> \"$KAFKA_HA_DATA_DIR/format-calls\"\n"
                + "touch \"$KAFKA_HA_DATA_DIR/kafka-logs/meta.properties\"\n");
        script(bin.resolve("kafka-server-start.sh"), "echo \"server $$ $@\" > \"$KAFKA_HA_DATA_DIR/server-call\"\n");
    }

    @Test
    void brokerGetsItsNodeIdFromItsOrdinalAndListensWhereRendered() throws Exception {
        NodePlan broker = cluster.nodes(NodeRole.BROKER).get(2);
        Result result = run(broker);
        assertThat(result.exitCode).isZero();
        Properties config = effectiveConfig(broker);
        assertThat(config)
                .containsEntry("node.id", "2")
                .containsEntry("process.roles", "broker")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("listeners", "REPLICATION://127.0.0.1:9194,CLIENT://127.0.0.1:9094")
                .containsEntry("advertised.listeners", "REPLICATION://127.0.0.1:9194,CLIENT://127.0.0.1:9094")
                .containsEntry("log.dirs", data(broker).resolve("kafka-logs").toString());
        assertThat(Files.readString(data(broker).resolve("format-calls")))
                .contains("format --ignore-formatted --config " + work(broker).resolve("server.properties"))
                .contains("--cluster-id " + CLUSTER_ID)
                .doesNotContain("--initial-controllers");
        assertThat(Files.readString(data(broker).resolve("server-call")))
                .contains(work(broker).resolve("server.properties").toString());
    }

    @Test
    void controllerIsFormattedWithTheInitialQuorum() throws Exception {
        NodePlan controller = cluster.nodes(NodeRole.CONTROLLER).get(1);
        assertThat(run(controller).exitCode).isZero();
        assertThat(effectiveConfig(controller)).containsEntry("node.id", "1001")
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:9293")
                .containsEntry("advertised.listeners", "CONTROLLER://127.0.0.1:9293");
        assertThat(Files.readString(data(controller).resolve("format-calls")))
                .contains("--initial-controllers " + controller.env().get(StartScript.INITIAL_CONTROLLERS));
    }

    @Test
    void aControllerBeyondTheFormationJoinsAsAnObserver() throws Exception {
        RenderedCluster grown = ClusterRenderer.render(new ClusterSpec("kafka", RoleSpec.of(5), RoleSpec.of(3)),
                LocalAddressing.loopback(9092), CLUSTER_ID, 3);
        NodePlan formed = grown.nodes(NodeRole.CONTROLLER).get(2);
        NodePlan added = grown.nodes(NodeRole.CONTROLLER).get(3);
        assertThat(added.env().get(StartScript.INITIAL_CONTROLLERS))
                .isEqualTo(cluster.nodes(NodeRole.CONTROLLER).get(0).env().get(StartScript.INITIAL_CONTROLLERS));
        Result result = run(added);
        assertThat(result.exitCode).isZero();
        assertThat(result.output).contains("node 1003 joins the existing quorum as an observer");
        assertThat(Files.readString(data(added).resolve("format-calls")))
                .contains("--no-initial-controllers").doesNotContain("--initial-controllers");
        assertThat(run(formed).exitCode).isZero();
        assertThat(Files.readString(data(formed).resolve("format-calls"))).contains("--initial-controllers 1000@");
    }

    @Test
    void storageIsFormattedOnlyOnce() throws Exception {
        NodePlan broker = cluster.nodes(NodeRole.BROKER).get(0);
        assertThat(run(broker).exitCode).isZero();
        assertThat(run(broker).exitCode).isZero();
        assertThat(Files.readAllLines(data(broker).resolve("format-calls"))).hasSize(1);
    }

    @Test
    void aNodeNameWithoutOrdinalIsRefused() throws Exception {
        NodePlan broker = cluster.nodes(NodeRole.BROKER).get(0);
        Map<String, String> env = new HashMap<>(broker.env());
        env.put(StartScript.NODE_NAME, "kafka-broker");
        Result result = run(broker, env);
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.output).contains("cannot read an ordinal from node name 'kafka-broker'");
        assertThat(data(broker).resolve("server-call")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(NodePlan node) throws Exception {
        return run(node, node.env());
    }

    private Result run(NodePlan node, Map<String, String> nodeEnv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", dir.resolve(StartScript.FILE_NAME).toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(nodeEnv);
        env.put(StartScript.CONFIG_DIR, dir.resolve("config").toString());
        env.put(StartScript.WORK_DIR, work(node).toString());
        env.put(StartScript.DATA_DIR, data(node).toString());
        env.put(StartScript.KAFKA_HOME, dir.resolve("kafka").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private Properties effectiveConfig(NodePlan node) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(work(node).resolve("server.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private Path data(NodePlan node) {
        return dir.resolve("nodes").resolve(node.name()).resolve("data");
    }

    private Path work(NodePlan node) {
        return dir.resolve("nodes").resolve(node.name()).resolve("work");
    }

    private static void script(Path path, String body) {
        write(path, "#!/bin/sh\n" + body);
        assertThat(path.toFile().setExecutable(true)).isTrue();
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
