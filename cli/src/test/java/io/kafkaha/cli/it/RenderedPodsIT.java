package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.StorageSpec;
import io.kafkaha.cli.local.FastStartJvm;
import io.kafkaha.core.render.StartScript;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.PodLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * one per pod ({@link RenderedPods}), with pod DNS names resolved through a hosts file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderedPodsIT {
    private static final String CLUSTER = "podtest";
    private static final String NAMESPACE = "it";
    /** Variables whose values are paths in the pod's volumes or image, so they must name this host's stand-ins. */
    private static final Set<String> PATH_VARIABLES = Set.of(StartScript.CONFIG_DIR, StartScript.WORK_DIR,
            StartScript.DATA_DIR, StartScript.KAFKA_HOME, PodLayout.LOG_DIR_VARIABLE);
    /** What a container gets from its image or runtime rather than from the pod spec. */
    private static final Set<String> HOST_ADDITIONS = Set.of("PATH", "JAVA_HOME", "KAFKA_OPTS");

    @TempDir
    static Path root;
    private RenderedPods rendered;
    private List<PodProcess> pods;
    private Cli cli;
    private String bootstrap;

    @BeforeAll
    void startPodsAsTheOperatorDeploysThem() {
        DesiredCluster desired = DesiredCluster.of(seedLikeCluster(), Uuid.randomUuid().toString());
        // Pod addresses: an unusual part of 127/8 no other test uses; controllers first, then brokers.
        rendered = RenderedPods.start(desired, root, "127.0.43.", 10);
        pods = rendered.pods();
        assertThat(pods).extracting(PodProcess::name).containsExactly(
                "podtest-controller-0", "podtest-controller-1", "podtest-controller-2",
                "podtest-broker-0", "podtest-broker-1", "podtest-broker-2");
        cli = rendered.cli();
        bootstrap = rendered.bootstrap();
    }

    @AfterAll
    void stopEveryPod() {
        if (rendered != null) {
            rendered.close();
        }
    }

    @Test
    void theRenderedPodsFormAWorkingCluster() {
        thePodsRunTheSpecsEnvironmentUnchanged();
        // A broker crashes (SIGKILL, as an OOM kill would) while the cluster forms, perhaps mid-format: its
        // container is restarted, as the kubelet does, and the start script must carry on from what is on disk.
        PodProcess crashed = pods.get(5);
        crashed.kill();
        Duration ready = rendered.awaitReady();
        assertThat(rendered.restarts()).containsKey(crashed.name());
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
        // The bootstrap Service's name (kafka:9092 in the seed) reaches the cluster too.
        cli.run("status", "-b", rendered.bootstrapServiceName() + ":9092").assertOk();
    }

    /**
     * Apart from paths (mapped to this host), the bind host, the heap and the JIT (C1 only, see FastStartJvm), every
     * pod runs its spec's env as is.
     */
    private void thePodsRunTheSpecsEnvironmentUnchanged() {
        for (PodProcess pod : pods) {
            Map<String, String> spec = pod.kubernetesEnv();
            Map<String, String> launched = rendered.launchedEnv(pod);
            assertThat(spec.get(StartScript.NODE_NAME)).isEqualTo(pod.name());
            assertThat(spec.get(StartScript.ADVERTISED_HOST)).isEqualTo(pod.dnsName());
            assertThat(launched.keySet()).containsAll(spec.keySet());
            Set<String> added = launched.keySet().stream().filter(key -> !spec.containsKey(key))
                    .collect(Collectors.toSet());
            assertThat(added).as(pod.name()).isSubsetOf(union(HOST_ADDITIONS, Set.of("KAFKA_HEAP_OPTS",
                    FastStartJvm.VARIABLE)));
            Set<String> changed = spec.keySet().stream().filter(key -> !spec.get(key).equals(launched.get(key)))
                    .collect(Collectors.toSet());
            assertThat(changed).as(pod.name()).containsAll(PATH_VARIABLES).contains(StartScript.BIND_HOST)
                    .isSubsetOf(union(PATH_VARIABLES, Set.of(StartScript.BIND_HOST, "KAFKA_HEAP_OPTS")));
            assertThat(launched.get(StartScript.KAFKA_HOME)).isEqualTo(rendered.kafkaHome().toString());
            PATH_VARIABLES.stream().filter(key -> !key.equals(StartScript.KAFKA_HOME)).forEach(key ->
                    // startsWithRaw: the start script may not have created the directory yet.
                    assertThat(Path.of(launched.get(key))).as("%s of %s", key, pod.name()).startsWithRaw(root));
        }
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

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
