package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.cli.KafkaHaCommand;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.operator.runtime.KubeconfigFiles;
import io.kafkaha.cli.it.PerMessageVerdict;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The operator against the mock API server, its pods run for real by the {@link ProcessKubelet}: a 3 + 3
 * KafkaCluster of Kafka 4.3.1 forms and serves, a deleted broker pod is stopped gracefully and comes back on its
 * own data, a killed controller's container is restarted in its pod, a killed broker's container is unregistered
 * by the operator within a second and rejoins from the same pod, a broker config change is rolled by the operator
 * under verified traffic (waiting while a broker is down, surviving an operator restart), an upgrade to 4.4.0 rolls
 * every pod and raises metadata.version, and the controllers go 3 → 5 → 3 (an operator restart mid-way) — no
 * acknowledged record lost, no send failed. One cluster for all of it: each formation costs minutes on this
 * machine; each step prints its duration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorFormsClusterIT {
    private static final String NAME = "kafka";
    private static final String NAMESPACE = "kubelet-it";
    private static final String BROKERS = NAME + "-broker";
    private static final String DELETED = BROKERS + "-1";
    private static final String TOPIC = "kubelet";
    private static final String ROLLED = "rolled";
    private static final String UPGRADED = "upgraded";
    private static final String FENCED = "fenced";
    private static final String SCALED = "scaled";
    /** Well below the 6 s broker.session.timeout.ms kafka-ha renders, so only the operator can have done it. */
    private static final Duration FAST_FENCING = Duration.ofSeconds(4);
    private static final Duration FORMATION = Duration.ofMinutes(6);
    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final Duration QUORUM_CHANGE = Duration.ofMinutes(6);

    /** Under target/, kept after the test for its pods' logs; emptied before. */
    private static final Path ROOT = Path.of("target", "it", "OperatorFormsClusterIT").toAbsolutePath();
    private OperatorOnProcessKubelet kubernetes;
    private ProcessKubelet kubelet;

    @BeforeAll
    void startOperatorAndKubelet() throws IOException {
        if (Files.exists(ROOT)) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        // Pod addresses: a part of 127/8 no other test uses.
        kubernetes = OperatorOnProcessKubelet.start(NAMESPACE, ROOT, "127.0.61.");
        kubelet = kubernetes.kubelet();
    }

    @AfterAll
    void stopEverything() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }

    @Test
    void theOperatorsPodsFormAClusterThatSurvivesPodLossAndRollsChangesAndUpgradesWithoutAClientNoticing()
            throws Exception {
        long start = System.nanoTime();
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
        KafkaClusterSpec spec = new KafkaClusterSpec();
        // The release before the build's, so the same cluster is upgraded at the end.
        spec.setVersion("4.3.1");
        cluster.setSpec(spec);
        kubernetes.create(cluster);

        kubernetes.awaitReady(NAME, FORMATION);
        System.out.printf("process kubelet: cluster Ready after %ds%n", seconds(start));
        List<String> pods = List.of("kafka-controller-0", "kafka-controller-1", "kafka-controller-2",
                "kafka-broker-0", "kafka-broker-1", "kafka-broker-2");
        for (String pod : pods) {
            assertThat(kubelet.pod(pod)).as(pod).hasValueSatisfying(p -> assertThat(p.pid()).isPresent());
            assertThat(pod(pod).getStatus().getPodIP()).isEqualTo(kubelet.pod(pod).orElseThrow().address());
        }
        String bootstrap = kubernetes.bootstrapServers(NAME);
        assertThat(bootstrap).isEqualTo(NAME + "." + NAMESPACE + ".svc:9092")
                .isEqualTo(kubernetes.cluster(NAME).getStatus().getBootstrapServers());
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get();
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().get(0)
                    .isr()).hasSize(3);
        }
        produce(bootstrap, "first", "second", "third");
        assertThat(consumeAll(bootstrap, 3)).containsExactly("first", "second", "third");

        step("a deleted broker pod comes back on its data",
                () -> aDeletedBrokerPodIsStoppedGracefullyAndComesBackOnItsData(bootstrap));
        step("a killed controller container is restarted", this::aKilledContainerIsRestartedInItsPod);
        step("a killed broker container is unregistered at once and rejoins",
                () -> aKilledBrokerIsUnregisteredAtOnceAndRejoinsWithoutAVerifiedClientNoticing(bootstrap));
        step("a config change is rolled", () -> aConfigChangeIsRolledWithoutAVerifiedClientNoticing(bootstrap));
        step("an upgrade to 4.4.0", () -> anUpgradeRollsOntoTheNewVersionAndRaisesTheMetadataVersion(bootstrap));
        step("controllers 3 -> 5 -> 3", () -> controllersGoFromThreeToFiveAndBackWithoutAVerifiedClientNoticing(
                bootstrap));
        step("drill --kubernetes", this::theDrillDeletesPodsOfTheNamedClusterAndNothingAcknowledgedIsLost);
        System.out.printf("process kubelet: test done after %ds%n", seconds(start));
    }

    private void aDeletedBrokerPodIsStoppedGracefullyAndComesBackOnItsData(String bootstrap) throws Exception {
        KubeletPod before = kubelet.pod(DELETED).orElseThrow();
        String uid = pod(DELETED).getMetadata().getUid();
        Path metaProperties = metaProperties(before);
        long start = System.nanoTime();

        kubernetes.client().pods().inNamespace(NAMESPACE).withName(DELETED).delete();

        await().atMost(RECOVERY).untilAsserted(() -> {
            KubeletPod now = kubelet.pod(DELETED).orElseThrow();
            assertThat(now.starts()).isGreaterThan(before.starts());
            assertThat(now.pid()).isPresent().isNotEqualTo(before.pid());
            Pod pod = pod(DELETED);
            assertThat(pod.getMetadata().getUid()).isNotEqualTo(uid);
            assertThat(PodStatusReport.isReady(pod.getStatus())).as("new %s ready", DELETED).isTrue();
        });
        KubeletPod after = kubelet.pod(DELETED).orElseThrow();
        assertThat(after.terminations()).last().satisfies(stopped -> {
            assertThat(stopped.cause()).as("SIGTERM was enough").isEqualTo(Termination.Cause.STOPPED);
            assertThat(stopped.exitCode()).isEqualTo(143);
        });
        assertThat(ProcessHandle.of(before.pid().getAsLong()).filter(ProcessHandle::isAlive)).isEmpty();
        // Same volume: formatted once, started twice, the same meta.properties.
        String log = Files.readString(after.log());
        assertThat(count(log, "kafka-ha start: formatting ")).isEqualTo(1);
        assertThat(count(log, "kafka-ha start: starting broker " + DELETED)).isEqualTo(before.starts() + 1);
        assertThat(metaProperties(after)).isEqualTo(metaProperties).exists();
        System.out.printf("process kubelet: %s deleted, back and ready after %ds%n", DELETED, seconds(start));

        kubernetes.awaitReady(NAME, RECOVERY);
        assertThat(consumeAll(bootstrap, 3)).containsExactly("first", "second", "third");
    }

    /** SIGKILL, as an OOM kill: the same pod object, its container restarted, the crash in its status. */
    private void aKilledContainerIsRestartedInItsPod() {
        String killed = "kafka-controller-2";
        KubeletPod before = kubelet.pod(killed).orElseThrow();
        String uid = pod(killed).getMetadata().getUid();

        kubelet.kill(killed);

        await().atMost(RECOVERY).untilAsserted(() -> {
            Pod pod = pod(killed);
            assertThat(pod.getMetadata().getUid()).isEqualTo(uid);
            assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(container -> {
                assertThat(container.getRestartCount()).isEqualTo(1);
                assertThat(container.getLastState().getTerminated().getExitCode()).isEqualTo(137);
                assertThat(container.getState().getRunning()).isNotNull();
                assertThat(container.getReady()).isTrue();
            });
        });
        KubeletPod after = kubelet.pod(killed).orElseThrow();
        assertThat(after.starts()).isEqualTo(before.starts() + 1);
        assertThat(after.pid()).isPresent().isNotEqualTo(before.pid());
        assertThat(after.terminations()).last().extracting(Termination::cause).isEqualTo(Termination.Cause.EXITED);
    }

    /**
     * SIGKILL a broker's container under verified traffic: the operator sees the container terminated and
     * unregisters the broker at once (Kafka's metadata shows it absent, not merely fenced, which its own session
     * timeout would do only after 6 s); the kubelet restarts the container in the same pod, the new incarnation
     * registers and rejoins every ISR; no acknowledged record is lost, duplicated or reordered and no send fails.
     */
    private void aKilledBrokerIsUnregisteredAtOnceAndRejoinsWithoutAVerifiedClientNoticing(String bootstrap)
            throws Exception {
        String killed = BROKERS + "-0";
        int brokerId = 0;
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(FENCED, 6, (short) 3))).all().get();
        }
        String uid = pod(killed).getMetadata().getUid();
        int restarts = restartCount(killed);
        VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, FENCED, Duration.ofMinutes(20), 400,
                Duration.ofMinutes(2)));
        try (Admin watcher = Admin.create(quickAdmin(bootstrap))) {
            await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 1_000);
            // Connected to the brokers before the kill, so the first look afterwards does not start with bootstrap.
            assertThat(registration(watcher, brokerId)).contains(Registration.ACTIVE);

            long killedAt = System.nanoTime();
            kubelet.kill(killed);
            Registration seen = await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50))
                    .until(() -> registration(watcher, brokerId), seen1 -> seen1.filter(r -> r != Registration.ACTIVE)
                            .isPresent()).orElseThrow();
            long fencedMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            System.out.printf("process kubelet: %s killed; Kafka's metadata showed broker %d %s after %d ms%n",
                    killed, brokerId, seen, fencedMillis);
            assertThat(seen).as("unregistered by the operator, not fenced by Kafka's session timeout")
                    .isEqualTo(Registration.ABSENT);
            assertThat(fencedMillis).as("well within the 6 s session timeout").isLessThan(FAST_FENCING.toMillis());

            await().atMost(RECOVERY).untilAsserted(() -> {
                Pod pod = pod(killed);
                assertThat(pod.getMetadata().getUid()).as("the same pod").isEqualTo(uid);
                assertThat(restartCount(killed)).isEqualTo(restarts + 1);
                assertThat(PodStatusReport.isReady(pod.getStatus())).as("%s ready", killed).isTrue();
            });
            System.out.printf("process kubelet: %s restarted in its pod and ready %ds after the kill%n", killed,
                    seconds(killedAt));
            await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                    .until(() -> isInEveryIsr(watcher, brokerId));
            System.out.printf("process kubelet: broker %d back in every ISR %ds after the kill%n", brokerId,
                    seconds(killedAt));
            await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 20_000);
        } finally {
            traffic.stopProducing();
        }
        assertVerified("the broker kill", traffic.awaitReport());
    }

    private int restartCount(String podName) {
        return pod(podName).getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    /** A broker in Kafka's metadata: registered and serving, registered but fenced, or not registered at all. */
    private enum Registration { ACTIVE, FENCED, ABSENT }

    private static Optional<Registration> registration(Admin admin, int brokerId) {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)
                    .timeoutMs(3_000)).nodes().get();
            return Optional.of(nodes.stream().filter(node -> node.id() == brokerId).findFirst()
                    .map(node -> node.isFenced() ? Registration.FENCED : Registration.ACTIVE)
                    .orElse(Registration.ABSENT));
        } catch (ExecutionException | InterruptedException e) {
            return Optional.empty();
        }
    }

    private static boolean isInEveryIsr(Admin admin, int brokerId) throws Exception {
        Set<String> topics = admin.listTopics().names().get();
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.isr().stream().anyMatch(node -> node.id() == brokerId));
    }

    /** Short timeouts: the kill's measure must not wait on a request to the dead broker. */
    private static Map<String, Object> quickAdmin(String bootstrap) {
        Map<String, Object> config = new java.util.HashMap<>(ClientSettings.admin(bootstrap));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        return config;
    }

    private static void assertVerified(String during, VerificationReport report) {
        PerMessageVerdict.assertClean(printed(during, report), 20_000);
    }

    private static VerificationReport printed(String during, VerificationReport report) {
        System.out.printf("process kubelet: verifier during %s: %s%n", during, report.render(true));
        return report;
    }

    /**
     * A broker config change under verified traffic (acks=all, idempotent): the roll does not start while a broker
     * is down (paused, so Kafka fenced it), carries on when it is back, survives an operator restart after its
     * first pod, and restarts each broker pod exactly once and no controller; no acknowledged record is lost,
     * duplicated or reordered and no send fails.
     */
    private void aConfigChangeIsRolledWithoutAVerifiedClientNoticing(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ROLLED, 6, (short) 3))).all().get();
        }
        Map<String, String> uids = podUids();
        VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, ROLLED, Duration.ofMinutes(20), 200,
                Duration.ofMinutes(2)));
        try {
            await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 1_000);
            String paused = BROKERS + "-2";
            kubelet.pause(paused);
            await().atMost(RECOVERY).until(() -> isFenced(bootstrap, 2));

            editCluster(spec -> {
                BrokersSpec brokers = spec.getBrokers() == null ? new BrokersSpec() : spec.getBrokers();
                brokers.setConfig(Map.of("log.retention.ms", "3600000"));
                spec.setBrokers(brokers);
            });

            Condition waiting = awaitRolling("Waiting");
            System.out.printf("process kubelet: with %s paused the roll says: %s%n", paused, waiting.getMessage());
            assertThat(podUids()).as("nothing restarted while a broker is down").isEqualTo(uids);

            kubelet.resume(paused);
            await().atMost(RECOVERY).until(() -> !restartedPods().isEmpty());
            kubernetes.restartOperator();
            awaitRolling("UpToDate");
            kubernetes.awaitReady(NAME, RECOVERY);
            await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 20_000);
        } finally {
            traffic.stopProducing();
        }
        assertVerified("the roll", traffic.awaitReport());

        assertThat(restartedPods()).as("each broker restarted once, in turn, no controller")
                .containsExactly(BROKERS + "-0", BROKERS + "-1", BROKERS + "-2");
        Map<String, String> after = podUids();
        uids.forEach((pod, uid) -> {
            if (pod.startsWith(BROKERS)) {
                assertThat(after.get(pod)).as(pod).isNotEqualTo(uid);
            } else {
                assertThat(after.get(pod)).as(pod).isEqualTo(uid);
            }
        });
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            for (int broker = 0; broker < 3; broker++) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker));
                assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get("log.retention.ms").value()).as("broker %d", broker).isEqualTo("3600000");
            }
        }
    }

    /** 4.3.1 → 4.4.0 under verified traffic: every pod rolls onto 4.4.0, then metadata.version is raised. */
    private void anUpgradeRollsOntoTheNewVersionAndRaisesTheMetadataVersion(String bootstrap) throws Exception {
        assertThat(kubernetes.cluster(NAME).getStatus().getMetadataVersion()).isEqualTo("4.3-IV0");
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(UPGRADED, 6, (short) 3))).all().get();
        }
        int restartsBefore = restartedPods().size();
        VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, UPGRADED, Duration.ofMinutes(20),
                200, Duration.ofMinutes(2)));
        try {
            await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 1_000);
            editCluster(spec -> spec.setVersion("4.4.0"));
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                KafkaClusterStatus status = kubernetes.cluster(NAME).getStatus();
                assertThat(status.getRunningVersions()).containsExactly("4.4.0");
                assertThat(status.getMetadataVersion()).isEqualTo("4.4-IV2");
            });
        } finally {
            traffic.stopProducing();
        }
        // Traffic ran until the upgrade was done; the version changed only once 1,000 records were acknowledged.
        PerMessageVerdict.assertClean(printed("the upgrade", traffic.awaitReport()), 1_000);
        List<String> upgraded = restartedPods().subList(restartsBefore, restartedPods().size());
        assertThat(upgraded).hasSize(6);
        assertThat(upgraded.subList(0, 3)).allMatch(pod -> pod.contains("-controller-"));
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            assertThat(admin.describeFeatures().featureMetadata().get().finalizedFeatures()
                    .get("metadata.version").maxVersionLevel()).isEqualTo((short) 33);
        }
    }

    /**
     * KRaft controllers 3 → 5 with an operator restart once the first new controller is a voter, then 5 → 3, under
     * verified traffic: after each change Kafka's quorum has exactly the expected voters and
     * {@code ControllerQuorum} says so; each voter added and removed is a QuorumChanged event; the traffic stops
     * once both changes are done and 20,000 records are acknowledged.
     */
    private void controllersGoFromThreeToFiveAndBackWithoutAVerifiedClientNoticing(String bootstrap)
            throws Exception {
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(SCALED, 6, (short) 3))).all().get();
            assertThat(voters(admin)).containsExactly(1000, 1001, 1002);
            VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, SCALED, Duration.ofMinutes(20),
                    400, Duration.ofMinutes(2)));
            try {
                await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 1_000);
                long start = System.nanoTime();
                editCluster(spec -> spec.setControllers(new ControllersSpec(5, null)));
                await().atMost(QUORUM_CHANGE).pollInterval(Duration.ofSeconds(1))
                        .until(() -> voters(admin).contains(1003));
                System.out.printf("process kubelet: kafka-controller-3 is a voter after %ds; restarting the"
                        + " operator%n", seconds(start));
                kubernetes.restartOperator();
                Condition five = awaitQuorum("the quorum has its 5 voter(s): 1000, 1001, 1002, 1003, 1004");
                System.out.printf("process kubelet: %s after %ds%n", five.getMessage(), seconds(start));
                assertThat(voters(admin)).containsExactly(1000, 1001, 1002, 1003, 1004);
                kubernetes.awaitReady(NAME, QUORUM_CHANGE);

                start = System.nanoTime();
                editCluster(spec -> spec.setControllers(new ControllersSpec(3, null)));
                Condition three = awaitQuorum("the quorum has its 3 voter(s): 1000, 1001, 1002");
                System.out.printf("process kubelet: %s after %ds%n", three.getMessage(), seconds(start));
                assertThat(voters(admin)).containsExactly(1000, 1001, 1002);
                kubernetes.awaitReady(NAME, QUORUM_CHANGE);
                assertThat(kubernetes.client().apps().statefulSets().inNamespace(NAMESPACE)
                        .withName(NAME + "-controller").get().getSpec().getReplicas()).isEqualTo(3);
                await().atMost(RECOVERY).until(() -> traffic.acknowledged() >= 20_000);
            } finally {
                traffic.stopProducing();
            }
            assertVerified("the controller scaling", traffic.awaitReport());
        }
        List<String> events = kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> "QuorumChanged".equals(event.getReason()))
                .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(event -> event.getMessage()).toList();
        System.out.printf("process kubelet: QuorumChanged events:%n  %s%n", String.join("\n  ", events));
        assertThat(events).filteredOn(message -> message.startsWith("adding")).hasSize(2);
        assertThat(events).filteredOn(message -> message.startsWith("removing")).hasSize(2);
    }

    /**
     * {@code kafka-ha drill --kubernetes} on this cluster, run in this JVM (whose names resolve through the kubelet's
     * hosts file, as they would in a pod) through a kubeconfig pointing at the mock API server: the broker leading
     * most partitions, the active controller and then every pod deleted with grace period 0 and re-created by the
     * StatefulSets, each under its own verification of 20,000+ records: nothing lost, duplicated or reordered, no
     * send failed except while no broker answered (cluster-kill); broker-pause, broker-isolate and two-brokers-down
     * are skipped, not failed, as the drill cannot do them on Kubernetes.
     */
    private void theDrillDeletesPodsOfTheNamedClusterAndNothingAcknowledgedIsLost() throws IOException {
        Path kubeconfig = KubeconfigFiles.pointingAt(ROOT, kubernetes.client().getConfiguration().getMasterUrl());
        Map<String, String> uids = podUids();
        StringWriter out = new StringWriter();
        CommandLine cli = KafkaHaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(System.out, true));

        int exit = cli.execute("drill", "--kubernetes", "--name", NAME, "--namespace", NAMESPACE, "--kubeconfig",
                kubeconfig.toString(), "--records-per-fault", "20000", "--rate", "2000",
                // A broker's JVM took 236 s to be ready again on the shared machine at load average 50-70.
                "--recover-timeout", "600");

        System.out.print(out);
        assertThat(exit).as("drill's exit code").isZero();
        Map<String, List<String>> rows = drillSummary(out.toString());
        assertThat(rows).containsOnlyKeys("broker-kill", "broker-pause", "broker-isolate", "controller-kill",
                "two-brokers-down", "cluster-kill");
        for (String skipped : List.of("broker-pause", "broker-isolate", "two-brokers-down")) {
            assertThat(rows.get(skipped)).as(skipped).last().isEqualTo("SKIPPED");
        }
        for (String fault : List.of("broker-kill", "controller-kill", "cluster-kill")) {
            // fault acked lost duplicates reordered failed-sends max-stall recovered-in result
            List<String> row = rows.get(fault);
            assertThat(Long.parseLong(row.get(1))).as("%s acked", fault).isGreaterThanOrEqualTo(20_000);
            assertThat(row.subList(2, 5)).as("%s lost, duplicates, reordered", fault).containsOnly("0");
            if (!fault.equals("cluster-kill")) {
                assertThat(row.get(5)).as("%s failed sends", fault).isEqualTo("0");
            }
            assertThat(row.get(8)).as(fault).isEqualTo("PASS");
        }
        Map<String, String> after = podUids();
        assertThat(after.keySet()).isEqualTo(uids.keySet());
        uids.forEach((pod, uid) -> assertThat(after.get(pod)).as("%s re-created", pod).isNotEqualTo(uid));
        assertThat(kubernetes.client().apps().statefulSets().inNamespace(NAMESPACE).list().getItems())
                .allSatisfy(set -> assertThat(set.getSpec().getReplicas()).isEqualTo(3));
    }

    /** The drill's summary table: each fault's cells, the fault's name first. */
    private static Map<String, List<String>> drillSummary(String output) {
        List<String> lines = output.lines().toList();
        int header = lines.indexOf("drill summary:") + 1;
        assertThat(header).as("a summary in:%n%s", output).isPositive();
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        lines.subList(header + 1, lines.size()).stream().takeWhile(line -> !line.startsWith("result:"))
                .map(line -> List.of(line.trim().split("\\s+"))).forEach(cells -> rows.put(cells.get(0), cells));
        return rows;
    }

    private Condition awaitQuorum(String message) {
        await().atMost(QUORUM_CHANGE).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaClusterStatus status = kubernetes.cluster(NAME).getStatus();
            return status != null && status.condition(KafkaClusterStatus.CONTROLLER_QUORUM)
                    .filter(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage())).isPresent();
        });
        return kubernetes.cluster(NAME).getStatus().condition(KafkaClusterStatus.CONTROLLER_QUORUM).orElseThrow();
    }

    private static List<Integer> voters(Admin admin) throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
                .map(QuorumInfo.ReplicaState::replicaId).sorted().toList();
    }

    /** A step of the test, timed: each costs CI minutes. */
    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        System.out.printf("process kubelet: step '%s' took %ds%n", name, seconds(start));
    }

    private void editCluster(java.util.function.Consumer<KafkaClusterSpec> change) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                && k.getCode() == 409).until(() -> {
                    kubernetes.client().resources(KafkaCluster.class).inNamespace(NAMESPACE).withName(NAME)
                            .edit(cluster -> {
                                change.accept(cluster.getSpec());
                                return cluster;
                            });
                    return true;
                });
    }

    private Condition awaitRolling(String reason) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaClusterStatus status = kubernetes.cluster(NAME).getStatus();
            return status != null && status.condition(KafkaClusterStatus.ROLLING)
                    .filter(c -> reason.equals(c.getReason())).isPresent();
        });
        return kubernetes.cluster(NAME).getStatus().condition(KafkaClusterStatus.ROLLING).orElseThrow();
    }

    /** The pods the operator restarted, in order, from its Restarting events. */
    private List<String> restartedPods() {
        return kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> "Restarting".equals(event.getReason()))
                .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(event -> event.getMessage().split(" ")[1]).toList();
    }

    private Map<String, String> podUids() {
        Map<String, String> uids = new java.util.TreeMap<>();
        for (Pod pod : kubernetes.client().pods().inNamespace(NAMESPACE).list().getItems()) {
            uids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
        }
        return uids;
    }

    private static boolean isFenced(String bootstrap, int broker) {
        try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
            return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes().get()
                    .stream().noneMatch(node -> node.id() == broker && !node.isFenced());
        } catch (Exception e) {
            return false;
        }
    }

    private Pod pod(String name) {
        return kubernetes.client().pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private static Path metaProperties(KubeletPod pod) throws IOException {
        try (Stream<Path> files = Files.walk(pod.volume("data"))) {
            return files.filter(file -> file.getFileName().toString().equals("meta.properties")).findFirst()
                    .orElseThrow(() -> new AssertionError("no meta.properties in the data volume of " + pod.name()));
        }
    }

    /** Six JVMs on a shared 2-core machine answer slowly at times: timeouts for that, not for a broken cluster. */
    private static Map<String, Object> patientAdmin(String bootstrap) {
        Map<String, Object> config = new java.util.HashMap<>(ClientSettings.admin(bootstrap));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    private static void produce(String bootstrap, String... values) throws Exception {
        Map<String, Object> config = ClientSettings.durableProducer(bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, value)).get();
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static int count(String text, String phrase) {
        return (int) Pattern.compile(Pattern.quote(phrase)).matcher(text).results().count();
    }

    private static long seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }
}
