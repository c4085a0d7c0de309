package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ClusterConfigMap;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import io.kafkaha.operator.PodLayout;
import io.kafkaha.operator.ResourceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A KafkaCluster's pods as the operator deploys them, run for real as local processes: the ConfigMap and the two
 * StatefulSets' pod templates, one process per pod. Each pod gets its own loopback address, and a hosts file given
 * to the pods' and the clients' JVMs ({@code jdk.net.hosts.file}) stands in for cluster DNS: every pod DNS name
 * resolves to its pod, and the bootstrap Service's name to the first broker (a ClusterIP would pick any), so the
 * brokers advertise, and the controllers and clients connect to, the same names as in Kubernetes, on the pods'
 * own ports.
 */
public final class RenderedPods implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * Restarts of an exited pod while the cluster forms, as the kubelet restarts a pod's container. Under load a
     * Kafka 4.4 broker sometimes gives up registering after a quorum leader change at formation and exits; in
     * Kubernetes its container is restarted, and so is the local runtime's node (ReadinessWait).
     */
    private static final int RESTARTS_WHILE_FORMING = 2;
    /** Where the apache/kafka image has Kafka; the stand-in installation takes its place. */
    private static final String IMAGE_KAFKA_HOME = PodLayout.KAFKA_HOME;

    private final DesiredCluster desired;
    private final Path root;
    private final Path kafkaHome;
    private final List<PodProcess> pods = new ArrayList<>();
    private final Map<PodProcess, String> addresses = new LinkedHashMap<>();
    private final Map<PodProcess, Map<String, String>> launchedEnv = new LinkedHashMap<>();
    private final Map<PodProcess, Integer> restarts = new LinkedHashMap<>();
    private final Path hostsFile;
    private final Thread killOnExit = new Thread(this::killAll, "kill-rendered-pods");

    /**
     * Lays the pods out under {@code root} with addresses {@code addressPrefix + firstAddress...} (controllers
     * first), writes the hosts file and starts every pod at once, as podManagementPolicy Parallel does: controllers
     * need each other for the quorum. Skips the test where the addresses or ports cannot be bound.
     */
    public static RenderedPods start(DesiredCluster desired, Path root, String addressPrefix, int firstAddress) {
        RenderedPods pods = new RenderedPods(desired, root, addressPrefix, firstAddress);
        pods.launchAll();
        return pods;
    }

    private RenderedPods(DesiredCluster desired, Path root, String addressPrefix, int firstAddress) {
        this.desired = desired;
        this.root = root;
        ConfigMap configMap = ClusterConfigMap.desired(desired);
        this.kafkaHome = Path.of(System.getProperty("kafkaha.kafka.home", "../kafka-home/target/kafka"))
                .toAbsolutePath().normalize();
        try {
            // Maven copies the stand-in scripts without their executable bit, and the start script executes them.
            try (var scripts = Files.list(kafkaHome.resolve("bin"))) {
                scripts.forEach(script -> script.toFile().setExecutable(true));
            }
            int next = firstAddress;
            for (NodeRole role : List.of(NodeRole.CONTROLLER, NodeRole.BROKER)) {
                StatefulSet statefulSet = NodeStatefulSet.desired(desired, role);
                for (int ordinal = 0; ordinal < statefulSet.getSpec().getReplicas(); ordinal++) {
                    String podName = statefulSet.getMetadata().getName() + "-" + ordinal;
                    PodProcess pod = new PodProcess(statefulSet, ordinal, configMap, root.resolve(podName),
                            IMAGE_KAFKA_HOME, kafkaHome);
                    pods.add(pod);
                    addresses.put(pod, addressPrefix + next++);
                }
            }
            addresses.forEach((pod, address) -> pod.ports().forEach((port, number) ->
                    assumeTrue(bindable(address, number), () -> "cannot listen on " + address + ":" + number + " ("
                            + port + "): this test needs every 127.x.y.z to be a loopback address (Linux; not macOS"
                            + " without aliases) and the pods' ports free")));
            hostsFile = root.resolve("hosts");
            Files.writeString(hostsFile, hostsFileContent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cluster DNS: each pod's name to its address, the bootstrap Service to the first broker, localhost. */
    private String hostsFileContent() {
        PodProcess firstBroker = brokers().get(0);
        return "127.0.0.1 localhost\n"
                + addresses.get(firstBroker) + " " + bootstrapServiceName() + "\n"
                + addresses.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey().dnsName())
                        .collect(Collectors.joining("\n", "", "\n"));
    }

    private void launchAll() {
        Runtime.getRuntime().addShutdownHook(killOnExit);
        addresses.forEach((pod, address) -> {
            Map<String, String> env = pod.processEnv(address, hostsFile);
            launchedEnv.put(pod, env);
            pod.launch(env);
        });
    }

    /** How often each pod was restarted while the cluster formed; empty when none was. */
    public Map<String, Integer> restarts() {
        Map<String, Integer> byName = new LinkedHashMap<>();
        restarts.forEach((pod, count) -> byName.put(pod.name(), count));
        return byName;
    }

    private void restart(PodProcess pod) {
        int count = restarts.merge(pod, 1, Integer::sum);
        if (count > RESTARTS_WHILE_FORMING) {
            throw new IllegalStateException(pod.name() + " exited " + count + " times; its log ends:\n"
                    + pod.logTail(60));
        }
        System.out.printf("rendered pods: %s exited while the cluster formed; restarting it as the kubelet would"
                + " (restart %d of at most %d); its log ends:%n%s%n", pod.name(), count, RESTARTS_WHILE_FORMING,
                pod.logTail(15));
        pod.launch(launchedEnv.get(pod));
    }

    public List<PodProcess> pods() {
        return List.copyOf(pods);
    }

    private List<PodProcess> brokers() {
        return pods.stream().filter(pod -> pod.name().contains("-broker-")).toList();
    }

    public Map<String, String> launchedEnv(PodProcess pod) {
        return launchedEnv.get(pod);
    }

    public Path kafkaHome() {
        return kafkaHome;
    }

    public Path hostsFile() {
        return hostsFile;
    }

    /** The bootstrap Service's DNS name, {@code <cluster>.<namespace>.svc}, as the chart's test pod uses it. */
    public String bootstrapServiceName() {
        return ResourceNames.bootstrapService(desired.name()) + "." + desired.namespace() + ".svc";
    }

    /** Every broker by its pod DNS name and client port. */
    public String bootstrap() {
        return brokers().stream().map(pod -> pod.dnsName() + ":" + pod.ports().get("client"))
                .collect(Collectors.joining(","));
    }

    /** A CLI whose JVM resolves names through the pods' hosts file. */
    public Cli cli() {
        return new Cli(root.resolve("cli-home")).withJvmOptions("-Djdk.net.hosts.file=" + hostsFile);
    }

    /**
     * Until Kafka reports a quorum leader and every broker. A pod that exits meanwhile is restarted with the same
     * environment, {@link #RESTARTS_WHILE_FORMING} times at most; after that the wait fails with its log.
     */
    public Duration awaitReady() {
        Cli cli = cli();
        long start = System.nanoTime();
        String brokers = "brokers: " + brokers().size() + " registered";
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            for (PodProcess pod : pods) {
                if (pod.exited()) {
                    restart(pod);
                }
            }
            Cli.Result status = cli.run("status", "-b", bootstrap());
            assertThat(status.out()).as("status; stderr: %s", status.err())
                    .contains("controller quorum: leader").contains(brokers);
            assertThat(status.exitCode()).as("status exit code; stdout: %s", status.out()).isZero();
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        try {
            killAll();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /**
     * SIGTERM, brokers first so their controlled shutdown still finds a quorum to hand leadership over through
     * (all at once, the brokers' shutdown would wait for controllers that are gone); SIGKILL to whatever outlives
     * the grace period. Never leaves a process behind, whatever happened before.
     */
    private void killAll() {
        long start = System.nanoTime();
        terminate(brokers());
        terminate(pods);
        pods.forEach(PodProcess::kill);
        System.out.printf("rendered pods: stopped in %ds%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private static void terminate(List<PodProcess> some) {
        List<ProcessHandle> running = some.stream().map(PodProcess::running).flatMap(Optional::stream).toList();
        running.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(running.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            running.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
