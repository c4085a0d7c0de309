package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.plan.RestartReason;
import io.kafkaha.core.plan.SpecDiff;
import io.kafkaha.core.render.ClusterRenderer;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * A local cluster on disk: its state, its rendered pods and one {@link NodeProcess} per node. Every node runs the
 * pods' own {@code start-kafka.sh} with the pods' own config, against the stand-in Kafka installation.
 */
public final class LocalCluster {
    /** How long a node gets to shut down cleanly before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final ClusterLayout layout;
    private final LocalClusterState state;
    private final RenderedCluster rendered;

    public LocalCluster(ClusterLayout layout, LocalClusterState state) {
        this.layout = layout;
        this.state = state;
        this.rendered = ClusterRenderer.render(state.spec(), state.addressing(), state.clusterId(),
                ControllerFormation.read(layout, state.controllers()));
    }

    /** The cluster in {@code dir}; a clear error if there is none. */
    public static LocalCluster open(Path dir) {
        ClusterLayout layout = new ClusterLayout(dir);
        LocalClusterState state = LocalClusterState.load(layout).orElseThrow(() -> new UserError(
                "no local cluster in " + layout.dir() + "; start one with 'kafka-ha local up'"
                        + " (with the same --name/--dir)"));
        return new LocalCluster(layout, state);
    }

    /** Kafka's view of the cluster; empty when no broker answers within the probing timeouts. */
    public Optional<ClusterHealth> inspectKafka() {
        try (Admin admin = Admin.create(ClientSettings.probingAdmin(bootstrapServers()))) {
            return Optional.of(new ClusterInspector(admin).inspect());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception unreachable) {
            return Optional.empty();
        }
    }

    /** The Kafka installation of the cluster's version, laid out on first use ({@link KafkaDistributions}). */
    public KafkaInstallation kafka(PrintWriter notes) {
        return KafkaDistributions.forVersion(state.version(), notes);
    }

    public ClusterLayout layout() {
        return layout;
    }

    public LocalClusterState state() {
        return state;
    }

    public List<NodePlan> nodes() {
        return rendered.nodes();
    }

    public List<NodePlan> nodes(NodeRole role) {
        return rendered.nodes(role);
    }

    public NodePlan node(String name) {
        return nodes().stream().filter(node -> node.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("no node '" + name + "' in cluster '" + state.name() + "'; its nodes"
                        + " are " + nodes().stream().map(NodePlan::name).collect(Collectors.joining(", "))));
    }

    public NodeProcess process(NodePlan node) {
        return new NodeProcess(layout.pidFile(node.name()));
    }

    public boolean isRunning(NodePlan node) {
        return process(node).running().isPresent();
    }

    /**
     * Running and accepting connections on its serving port (clients for a broker, the quorum for a controller):
     * what the pods' readiness probe checks.
     */
    public boolean isReady(NodePlan node) {
        if (!isRunning(node)) {
            return false;
        }
        Listener serving = node.role() == NodeRole.BROKER ? Listener.CLIENT : Listener.CONTROLLER;
        return PortProbe.accepts(host(node), state.addressing().port(serving, node.ordinal()));
    }

    /** The node's address: the cluster's loopback address, or in an isolated cluster its own. */
    public String host(NodePlan node) {
        return state.addressing().host(node.role(), node.ordinal());
    }

    /** The namespaces and links of an isolated cluster; empty for one whose nodes share the host's network. */
    public Optional<IsolatedNetwork> network() {
        return state.isolated() ? Optional.of(new IsolatedNetwork(this)) : Optional.empty();
    }

    public NodeFingerprints fingerprints() {
        return new NodeFingerprints(layout);
    }

    /** What the node would be started with now: the cluster's current spec and the last restart asked for. */
    public NodeFingerprint desiredFingerprint(NodePlan node) {
        return DesiredFingerprint.of(rendered, node, state.version(), fingerprints().restartToken(node.name()));
    }

    /** Why the node must restart to run what the cluster's spec says; empty if it does (or is not known). */
    public Optional<RestartReason> pendingRestart(NodePlan node) {
        return fingerprints().started(node.name())
                .flatMap(started -> SpecDiff.restartReason(started, desiredFingerprint(node)));
    }

    /**
     * Records, for each running node started before kafka-ha kept fingerprints, that it runs what this cluster
     * renders now. Called before the spec changes, so a later change does restart it.
     */
    public void recordUnknownFingerprints() {
        for (NodePlan node : nodes()) {
            if (isRunning(node) && fingerprints().started(node.name()).isEmpty()) {
                fingerprints().recordStarted(node.name(), desiredFingerprint(node));
            }
        }
    }

    public boolean anyRunning() {
        return nodes().stream().anyMatch(this::isRunning);
    }

    public String bootstrapServers() {
        return ClusterRenderer.bootstrapServers(state.spec(), state.addressing());
    }

    /** The address clients (brokers) or the quorum (controllers) reach the node at. */
    public String address(NodePlan node) {
        Listener listener = node.role() == NodeRole.BROKER ? Listener.CLIENT : Listener.CONTROLLER;
        return state.addressing().hostPort(listener, node.ordinal());
    }

    /** Ports the node listens on. */
    public List<Integer> ports(NodePlan node) {
        return java.util.Arrays.stream(Listener.values()).filter(listener -> listener.role() == node.role())
                .map(listener -> state.addressing().port(listener, node.ordinal())).toList();
    }

    /** Writes the "ConfigMap": role configs and the start script, exactly as rendered for the pods. */
    public void writeConfig() {
        try {
            Files.createDirectories(layout.configDir());
            for (Map.Entry<String, String> file : rendered.configFiles().entrySet()) {
                Files.writeString(layout.configDir().resolve(file.getKey()), file.getValue());
            }
            Files.writeString(layout.startScript(), rendered.startScript());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration to " + layout.configDir(), e);
        }
    }

    /** Refuses, with the fix, if another program holds one of the node's ports. */
    public void requirePortsFree(NodePlan node) {
        if (state.isolated()) {
            return; // the node's namespace is its own: nothing else listens there
        }
        for (int port : ports(node)) {
            if (!PortProbe.isFree(state.host(), port)) {
                throw new UserError("port " + port + " on " + state.host() + " is already in use, so " + node.name()
                        + " cannot listen on it; stop the program using it (e.g. 'lsof -i :" + port + "'), or run"
                        + " this cluster on other ports: 'kafka-ha local down --purge' then 'kafka-ha local up"
                        + " --port-base N'");
            }
        }
    }

    /** Starts a stopped node; refuses if one of its ports is taken. */
    public void launch(NodePlan node, KafkaInstallation kafka) {
        requirePortsFree(node);
        Map<String, String> env = new LinkedHashMap<>(node.env());
        env.put(StartScript.CONFIG_DIR, layout.configDir().toString());
        env.put(StartScript.WORK_DIR, layout.workDir(node.name()).toString());
        env.put(StartScript.DATA_DIR, layout.dataDir(node.name()).toString());
        env.put(StartScript.KAFKA_HOME, kafka.home().toString());
        // Kafka runs on the Java the CLI runs on, which the launcher has checked.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KAFKA_HEAP_OPTS", node.role() == NodeRole.BROKER ? "-Xms256m -Xmx512m" : "-Xms128m -Xmx256m");
        FastStartJvm.apply(env, System.getenv());
        try {
            Files.createDirectories(layout.nodeDir(node.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("sh", layout.startScript().toString());
        Optional<IsolatedNetwork> network = network();
        if (network.isPresent()) {
            network.get().ensureNode(node);
            command = network.get().inNamespace(node, command);
        }
        process(node).launch(command, env, layout.logFile(node.name()));
        fingerprints().recordStarted(node.name(), desiredFingerprint(node));
    }

    /** The last {@code lines} lines the node printed. */
    public List<String> logTail(NodePlan node, int lines) {
        Path log = layout.logFile(node.name());
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<String> all = Files.readAllLines(log);
            return lines <= 0 ? all : all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
