package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kafkaha.api.v1beta1.BrokersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.operator.StatefulSetPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator against the mock API server, its pods run for real by the {@link ProcessKubelet}: a 3 + 3
 * KafkaCluster forms and serves, a deleted broker pod is stopped gracefully and comes back on its own data, a
 * killed controller's container is restarted in its pod, and a config change makes a new StatefulSet revision while the running pods stay at theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorFormsClusterIT {
    private static final String NAME = "kafka";
    private static final String NAMESPACE = "kubelet-it";
    private static final String BROKERS = NAME + "-broker";
    private static final String DELETED = BROKERS + "-1";
    private static final String TOPIC = "kubelet";
    private static final Duration FORMATION = Duration.ofMinutes(6);
    private static final Duration RECOVERY = Duration.ofMinutes(4);

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
    void theOperatorsPodsFormAClusterThatSurvivesAPodDeletionAndGetsANewRevisionOnAConfigChange()
            throws Exception {
        long start = System.nanoTime();
        KafkaCluster cluster = new KafkaCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
        cluster.setSpec(new KafkaClusterSpec());
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

        aDeletedBrokerPodIsStoppedGracefullyAndComesBackOnItsData(bootstrap);
        aKilledContainerIsRestartedInItsPod();
        aConfigChangeMakesANewRevisionWithoutRestartingAnyPod();
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

    private void aConfigChangeMakesANewRevisionWithoutRestartingAnyPod() {
        StatefulSet before = statefulSet();
        String oldRevision = before.getStatus().getUpdateRevision();
        assertThat(before.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
        Map<String, Long> pids = new java.util.HashMap<>();
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            String pod = BROKERS + "-" + ordinal;
            assertThat(pod(pod).getMetadata().getLabels()).containsEntry(StatefulSetPod.REVISION_LABEL, oldRevision);
            pids.put(pod, kubelet.pod(pod).orElseThrow().pid().getAsLong());
        }

        kubernetes.client().resources(KafkaCluster.class).inNamespace(NAMESPACE).withName(NAME).edit(cluster -> {
            BrokersSpec brokers = cluster.getSpec().getBrokers() == null ? new BrokersSpec()
                    : cluster.getSpec().getBrokers();
            brokers.setConfig(Map.of("log.retention.ms", "3600000"));
            cluster.getSpec().setBrokers(brokers);
            return cluster;
        });

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            StatefulSet set = statefulSet();
            // The mock API server drops the status when the operator updates the set, until the kubelet's next pass.
            assertThat(set.getStatus()).isNotNull();
            assertThat(set.getStatus().getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
            assertThat(set.getStatus().getUpdateRevision()).isNotEqualTo(oldRevision)
                    .isEqualTo(StatefulSetPod.revision(set));
            assertThat(set.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
            assertThat(set.getStatus().getUpdatedReplicas()).isZero();
            assertThat(set.getStatus().getCurrentReplicas()).isEqualTo(3);
        });
        for (Map.Entry<String, Long> pod : pids.entrySet()) {
            assertThat(pod(pod.getKey()).getMetadata().getLabels()).as(pod.getKey())
                    .containsEntry(StatefulSetPod.REVISION_LABEL, oldRevision);
            assertThat(kubelet.pod(pod.getKey()).orElseThrow().pid()).as(pod.getKey()).hasValue(pod.getValue());
        }
    }

    private Pod pod(String name) {
        return kubernetes.client().pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private StatefulSet statefulSet() {
        return kubernetes.client().apps().statefulSets().inNamespace(NAMESPACE).withName(BROKERS).get();
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
