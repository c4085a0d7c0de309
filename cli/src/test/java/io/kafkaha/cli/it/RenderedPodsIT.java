package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ClusterConfigMap;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.NodeStatefulSet;
import io.kafkaha.operator.PodLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator deploys forms a working cluster: the ConfigMap and the two StatefulSets' pod templates of a
 * seed-like 3+3 KafkaCluster, taken as the objects the operator applies, run for real as six local processes,
 * one per pod. Each pod gets its own loopback address, and every pod DNS name resolves to it through a hosts
 * file given to the pods' and the clients' JVMs ({@code jdk.net.hosts.file}), so the brokers advertise, and the
 * controllers and clients connect to, the same names as in Kubernetes, on the pods' own ports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedPodsIT {
    private static final String CLUSTER = "podtest";
    private static final String NAMESPACE = "it";
    /** Pod addresses: an unusual part of 127/8 no other test uses; controllers first, then brokers. */
    private static final String ADDRESS_PREFIX = "127.0.43.";
    private static final int FIRST_ADDRESS = 10;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Where the apache/kafka image has Kafka; the stand-in installation takes its place. */
    private static final String IMAGE_KAFKA_HOME = PodLayout.KAFKA_HOME;
    /** Variables whose values are paths in the pod's volumes or image, so they must name this host's stand-ins. */
    private static final Set<String> PATH_VARIABLES = Set.of(StartScript.CONFIG_DIR, StartScript.WORK_DIR,
            StartScript.DATA_DIR, StartScript.KAFKA_HOME, PodLayout.LOG_DIR_VARIABLE);
    /** What a container gets from its image or runtime rather than from the pod spec. */
    private static final Set<String> HOST_ADDITIONS = Set.of("PATH", "JAVA_HOME", "KAFKA_OPTS");

    @TempDir
    static Path root;
    private final List<PodProcess> pods = new ArrayList<>();
    private final Map<PodProcess, Map<String, String>> launchedEnv = new LinkedHashMap<>();
    private Thread killOnExit;
    private Path hostsFile;
    private Path kafkaHome;
    private Cli cli;
    private String bootstrap;

    @BeforeAll
    void startPodsAsTheOperatorDeploysThem() throws Exception {
        DesiredCluster desired = DesiredCluster.of(seedLikeCluster(), Uuid.randomUuid().toString());
        ConfigMap configMap = ClusterConfigMap.desired(desired);
        kafkaHome = Path.of(System.getProperty("kafkaha.kafka.home", "../kafka-home/target/kafka"))
                .toAbsolutePath().normalize();
        // Maven copies the stand-in scripts without their executable bit, and the start script executes them.
        try (var scripts = Files.list(kafkaHome.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true));
        }

        Map<PodProcess, String> addresses = new LinkedHashMap<>();
        int next = FIRST_ADDRESS;
        for (NodeRole role : List.of(NodeRole.CONTROLLER, NodeRole.BROKER)) {
            StatefulSet statefulSet = NodeStatefulSet.desired(desired, role);
            for (int ordinal = 0; ordinal < statefulSet.getSpec().getReplicas(); ordinal++) {
                String podName = statefulSet.getMetadata().getName() + "-" + ordinal;
                PodProcess pod = new PodProcess(statefulSet, ordinal, configMap, root.resolve(podName),
                        IMAGE_KAFKA_HOME, kafkaHome);
                pods.add(pod);
                addresses.put(pod, ADDRESS_PREFIX + next++);
            }
        }
        assertThat(pods).extracting(PodProcess::name).containsExactly(
                "podtest-controller-0", "podtest-controller-1", "podtest-controller-2",
                "podtest-broker-0", "podtest-broker-1", "podtest-broker-2");
        addresses.forEach((pod, address) -> pod.ports().forEach((port, number) ->
                assumeTrue(bindable(address, number), () -> "cannot listen on " + address + ":" + number + " ("
                        + port + "): this test needs every 127.x.y.z to be a loopback address (Linux; not macOS"
                        + " without aliases) and the pods' ports free")));

        // Cluster DNS, as a hosts file: every pod's name resolves to its own address. localhost as in a pod.
        hostsFile = root.resolve("hosts");
        Files.writeString(hostsFile, "127.0.0.1 localhost\n" + addresses.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().dnsName())
                .collect(Collectors.joining("\n", "", "\n")));
        cli = new Cli(root.resolve("cli-home")).withJvmOptions("-Djdk.net.hosts.file=" + hostsFile);
        bootstrap = pods.stream().filter(pod -> pod.name().contains("-broker-"))
                .map(pod -> pod.dnsName() + ":" + pod.ports().get("client")).collect(Collectors.joining(","));

        killOnExit = new Thread(this::killAll, "kill-rendered-pods");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        // All six at once, as podManagementPolicy Parallel starts them: controllers need each other for the quorum.
        addresses.forEach((pod, address) -> {
            Map<String, String> env = environment(pod, address);
            launchedEnv.put(pod, env);
            pod.launch(env);
        });
    }

    /** The pod's environment as Kubernetes gives it, with the few differences one host running six pods needs. */
    private Map<String, String> environment(PodProcess pod, String address) {
        Map<String, String> env = pod.hostEnv();
        // The only deviation from the pod spec: a pod has an IP of its own and binds all its interfaces (empty
        // bind host), but these six pods share one host and the same ports, so each binds only its own address.
        assertThat(env).containsEntry(StartScript.BIND_HOST, "");
        env.put(StartScript.BIND_HOST, address);
        // Not a difference in what runs, only in its size: the template's heap (or Kafka's 1 GiB default without
        // resources) is sized for a pod's memory, while here six JVMs share a small test machine.
        env.put("KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m");
        // What the image and the cluster provide around the pod spec: a PATH, Java, cluster DNS (the hosts file)
        // and /tmp for the JVM's scratch files (the tmp volume, as java.io.tmpdir is /tmp in a pod).
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KAFKA_OPTS", "-Djdk.net.hosts.file=" + hostsFile + " -Djava.io.tmpdir="
                + pod.volume(PodLayout.TMP_VOLUME));
        return env;
    }

    @AfterAll
    void stopEveryPod() {
        try {
            killAll();
        } finally {
            if (killOnExit != null) {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
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
        terminate(pods.stream().filter(pod -> pod.name().contains("-broker-")).toList());
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

    @Test
    void theRenderedPodsFormAWorkingCluster() {
        thePodsRunTheSpecsEnvironmentUnchanged();
        Duration ready = awaitReady();
        System.out.printf("rendered pods: quorum leader and 3 brokers after %ds%n", ready.toSeconds());
        for (PodProcess pod : pods) {
            String role = pod.name().contains("-broker-") ? "broker" : "controller";
            assertThat(pod.logTail(10_000)).as(pod.name())
                    .contains("kafka-ha start: starting " + role + " " + pod.name() + " as node ");
        }

        Cli.Result created = cli.run("topic", "create", "pods", "-b", bootstrap).assertOk();
        assertThat(created.out()).contains("created topic pods:")
                .contains("replication factor 3, min.insync.replicas 2");
        cli.runWithInput("first\nsecond\nthird\n", "produce", "pods", "-b", bootstrap).assertOk();
        Cli.Result consumed = cli.run("consume", "pods", "-b", bootstrap, "--from-beginning",
                "--max-messages", "3", "--timeout", "60").assertOk();
        assertThat(consumed.out().lines()).containsExactly("first", "second", "third");

        Cli.Result status = cli.run("status", "-b", bootstrap).assertOk();
        assertThat(status.out()).contains("brokers: 3 registered").contains("healthy");
        for (PodProcess pod : pods.subList(3, 6)) {
            assertThat(status.out()).as("brokers advertise their pod DNS names")
                    .contains(pod.dnsName() + ":" + pod.ports().get("client"));
        }
    }

    /** Apart from paths (mapped to this host), the bind host and the heap, every pod runs its spec's env as is. */
    private void thePodsRunTheSpecsEnvironmentUnchanged() {
        for (PodProcess pod : pods) {
            Map<String, String> spec = pod.kubernetesEnv();
            Map<String, String> launched = launchedEnv.get(pod);
            assertThat(spec.get(StartScript.NODE_NAME)).isEqualTo(pod.name());
            assertThat(spec.get(StartScript.ADVERTISED_HOST)).isEqualTo(pod.dnsName());
            assertThat(launched.keySet()).containsAll(spec.keySet());
            Set<String> added = launched.keySet().stream().filter(key -> !spec.containsKey(key))
                    .collect(Collectors.toSet());
            assertThat(added).as(pod.name()).isSubsetOf(union(HOST_ADDITIONS, Set.of("KAFKA_HEAP_OPTS")));
            Set<String> changed = spec.keySet().stream().filter(key -> !spec.get(key).equals(launched.get(key)))
                    .collect(Collectors.toSet());
            assertThat(changed).as(pod.name()).containsAll(PATH_VARIABLES).contains(StartScript.BIND_HOST)
                    .isSubsetOf(union(PATH_VARIABLES, Set.of(StartScript.BIND_HOST, "KAFKA_HEAP_OPTS")));
            assertThat(launched.get(StartScript.KAFKA_HOME)).isEqualTo(kafkaHome.toString());
            PATH_VARIABLES.stream().filter(key -> !key.equals(StartScript.KAFKA_HOME)).forEach(key ->
                    // startsWithRaw: the start script may not have created the directory yet.
                    assertThat(Path.of(launched.get(key))).as("%s of %s", key, pod.name()).startsWithRaw(root));
        }
    }

    /** Until Kafka reports a quorum leader and all three brokers; fails at once if a pod exits. */
    private Duration awaitReady() {
        long start = System.nanoTime();
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            for (PodProcess pod : pods) {
                if (pod.exited()) {
                    throw new IllegalStateException(pod.name() + " exited; its log ends:\n" + pod.logTail(60));
                }
            }
            Cli.Result status = cli.run("status", "-b", bootstrap);
            assertThat(status.out()).as("status; stderr: %s", status.err())
                    .contains("controller quorum: leader").contains("brokers: 3 registered");
            assertThat(status.exitCode()).as("status exit code; stdout: %s", status.out()).isZero();
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static KafkaCluster seedLikeCluster() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setControllers(new ControllersSpec(3, new StorageSpec("1Gi", null)));
        spec.setBrokers(new BrokersSpec(3, new StorageSpec("1Gi", null)));
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(CLUSTER).withNamespace(NAMESPACE).build());
        cluster.setSpec(spec);
        return cluster;
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
