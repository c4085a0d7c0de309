package io.kafkaha.cli.local;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local cluster's resident supervisor, for fast fencing: a small background process (one per cluster,
 * started by {@code local up}, stopped by {@code local down}) that watches the broker processes and, the moment
 * one exits without a graceful stop, unregisters it ({@link DeadBrokerFencer}), so acks=all producers stall about
 * a second instead of {@code broker.session.timeout.ms}.
 *
 * <p>It only ever acts on a process exit: a paused or slow broker is alive and left to Kafka's session timeout.
 * It never starts, stops or signals a node, so a crash of the supervisor loses only the fast path. It exits when
 * no node of the cluster runs any more, or when its pid file no longer names it. Setting {@value #DISABLE_ENV}
 * to {@code off} when running {@code local up} leaves it out (to compare, or if it is unwanted).
 *
 * <p>It polls every {@link #POLL} rather than using {@link ProcessHandle#onExit()}: for a process that is not
 * its child, the JDK polls too, with a back-off that grows to 5 s.
 */
public final class LocalSupervisor {
    public static final String DISABLE_ENV = "KAFKA_HA_FAST_FENCING";
    static final Duration POLL = Duration.ofMillis(100);
    /** Pid files are re-read (brokers started again, the supervisor replaced) every this many polls. */
    private static final int REREAD_EVERY = 10;

    private final LocalCluster cluster;
    private final PrintStream log;

    public LocalSupervisor(LocalCluster cluster, PrintStream log) {
        this.cluster = cluster;
        this.log = log;
    }

    public static NodeProcess process(LocalCluster cluster) {
        return new NodeProcess(cluster.layout().supervisorPidFile());
    }

    public static boolean disabled() {
        return "off".equalsIgnoreCase(System.getenv(DISABLE_ENV));
    }

    /** Starts the supervisor unless it runs already (or is disabled); its pid if it runs. */
    public static Optional<ProcessHandle> ensureRunning(LocalCluster cluster) {
        NodeProcess supervisor = process(cluster);
        Optional<ProcessHandle> running = supervisor.running();
        if (running.isPresent() || disabled()) {
            return running;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quiet JVM: it only polls and, rarely, makes one Admin call.
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                // Its own lines say what it did; the Admin client's INFO chatter would bury them.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", absoluteClassPath(), "io.kafkaha.cli.KafkaHaCommand",
                "local", "supervise", "--dir", cluster.layout().dir().toString()));
        return Optional.of(supervisor.launch(command, Map.of(), cluster.layout().supervisorLog()));
    }

    /** The CLI's own class path, made absolute: the supervisor must not depend on the directory it started in. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Stops the supervisor before a graceful stop of the whole cluster. */
    public static void stop(LocalCluster cluster) {
        process(cluster).stop(Duration.ofSeconds(10));
    }

    /** Watches until the cluster is down or another supervisor took over; returns why it ended. */
    public String run() throws InterruptedException {
        say("supervising cluster '" + cluster.state().name() + "' in " + cluster.layout().dir());
        try (Admin admin = Admin.create(ClientSettings.admin(cluster.bootstrapServers()))) {
            DeadBrokerFencer fencer = new DeadBrokerFencer(admin);
            List<NodePlan> brokers = cluster.nodes().stream().filter(node -> node.role() == NodeRole.BROKER)
                    .toList();
            Map<NodePlan, ProcessHandle> watched = new HashMap<>();
            long me = ProcessHandle.current().pid();
            for (long poll = 0; ; poll++) {
                for (NodePlan broker : brokers) {
                    ProcessHandle handle = watched.get(broker);
                    if (handle != null && !handle.isAlive()) {
                        watched.remove(broker);
                        boolean stopped = cluster.process(broker).stopRequested(handle);
                        DeadBrokerFencer.Outcome outcome = fencer.fence(broker.nodeId(),
                                BrokerDeath.ofLocalProcess(false, stopped));
                        say(broker.name() + " (pid " + handle.pid() + ") exited: " + outcome.message());
                    }
                }
                if (poll % REREAD_EVERY == 0) {
                    if (!process(cluster).running().map(h -> h.pid() == me).orElse(false)) {
                        return "its pid file " + cluster.layout().supervisorPidFile() + " no longer names it";
                    }
                    if (!cluster.anyRunning()) {
                        return "no node of the cluster runs";
                    }
                    for (NodePlan broker : brokers) {
                        if (!watched.containsKey(broker)) {
                            cluster.process(broker).running().ifPresent(h -> {
                                watched.put(broker, h);
                                say("watching " + broker.name() + " (node id " + broker.nodeId() + ", pid "
                                        + h.pid() + ")");
                            });
                        }
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private void say(String message) {
        log.println(Instant.now() + " " + message);
        log.flush();
    }
}
