package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.operator.Labels;
import io.kafkaha.operator.PodFingerprint;
import io.kafkaha.operator.roll.RollTurn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of a rolling restart on the mock API server, with the fake StatefulSet controller and
 * {@link FakeKafka} standing in for Kafka's view: which pods restart, in which order, one at a time, when the
 * roll waits, what the status and events say, and that a restarted operator resumes without restarting a pod
 * twice. Kafka's own safety rules are proven by the planner's table (core) and with real Kafka processes.
 */
@EnableKubernetesMockClient(crud = true)
class RollingRestartTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final String NAME = "kafka";
    private static final Duration TIMEOUT = ClusterUser.TIMEOUT;
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();

    KubernetesClient client;
    private final TestClock clock = new TestClock();
    private final FakeKafka kafka = new FakeKafka();
    private FakeStatefulSetController statefulSets;
    private Operator operator;
    private ClusterUser user;

    @BeforeEach
    void startOperator() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
        user = new ClusterUser(client, NAME);
        operator = MockApiOperator.start(client, clock, kafka);
        user.create(user.seed());
        user.awaitReady(3, 3);
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void aBrokerConfigChangeRestartsEachBrokerOnceInTurnAndNoController() {
        Map<String, String> before = podUids();

        user.edit(spec -> spec.getBrokers().setConfig(Map.of("log.retention.ms", "3600000")));

        user.awaitReady(3, 3);
        Map<String, String> after = podUids();
        assertThat(changed(before, after)).containsExactly("kafka-broker-0", "kafka-broker-1", "kafka-broker-2");
        assertThat(restartMessages()).containsExactly(
                "restarting kafka-broker-0 (config changed), 0 of 3 done",
                "restarting kafka-broker-1 (config changed), 1 of 3 done",
                "restarting kafka-broker-2 (config changed), 2 of 3 done");
        user.awaitEvent(ClusterEvents.ROLL_COMPLETED);
        KafkaClusterStatus status = user.current().getStatus();
        assertThat(rolling(status).getStatus()).isEqualTo("False");
        assertThat(rolling(status).getReason()).isEqualTo(RollTurn.UP_TO_DATE);
        assertThat(status.getRoll()).isNull();
    }

    @Test
    void neverRestartsBlindAndResumesOnceKafkaAnswers() {
        kafka.answer = cluster -> KafkaView.unreachable("connection refused");
        Map<String, String> before = podUids();

        user.edit(spec -> spec.getBrokers().setConfig(Map.of("log.retention.ms", "3600000")));

        Condition waiting = awaitRolling(RollTurn.WAITING);
        assertThat(waiting.getMessage()).isEqualTo("waiting: Kafka cannot be asked (connection refused); no node is"
                + " restarted blind (0 of 3 done)");
        Condition ready = ClusterUser.readyCondition(user.current().getStatus());
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(ClusterStatusAggregator.ROLLING);
        assertThat(podUids()).isEqualTo(before);

        kafka.answer = cluster -> KafkaView.of(kafka.healthy(cluster));
        user.awaitReady(3, 3);
        assertThat(changed(before, podUids())).hasSize(3);
    }

    @Test
    void waitsForARestartedPodToBeReadyBeforeTheNext() {
        statefulSets.podsBecomeReady = false;
        Map<String, String> before = podUids();

        user.edit(spec -> spec.getBrokers().setConfig(Map.of("log.retention.ms", "3600000")));

        Condition waiting = awaitRolling(RollTurn.WAITING);
        assertThat(waiting.getMessage()).isEqualTo("waiting: kafka-broker-0 is not running yet (1 of 3 done)");
        assertThat(changed(before, podUids())).containsExactly("kafka-broker-0");

        statefulSets.podsBecomeReady = true;
        user.awaitReady(3, 3);
        assertThat(changed(before, podUids())).hasSize(3);
    }

    @Test
    void aStalledRollSaysSoAndRestartsNothingMore() {
        statefulSets.podsBecomeReady = false;
        user.edit(spec -> spec.getBrokers().setConfig(Map.of("log.retention.ms", "3600000")));
        awaitRolling(RollTurn.WAITING);
        // The deleted pod is back (not ready) before the snapshot: its re-creation is the restart, not a second one.
        await().atMost(Duration.ofSeconds(30)).until(() -> podUids().size() == 6);
        Map<String, String> during = podUids();

        clock.advance(RollTurn.STALL_TIMEOUT.plusMinutes(1));

        Condition stalled = awaitRolling(RollTurn.STALLED);
        assertThat(stalled.getMessage()).startsWith("no progress for 11 min since restarting kafka-broker-0 (config"
                + " changed); no other pod is restarted until this clears: waiting: kafka-broker-0 is not running");
        user.awaitEvent(ClusterEvents.ROLL_STALLED);
        assertThat(podUids()).isEqualTo(during);
    }

    @Test
    void aRestartedOperatorResumesWithoutRestartingAPodTwice() {
        statefulSets.podsBecomeReady = false;
        Map<String, String> before = podUids();
        user.edit(spec -> spec.getBrokers().setConfig(Map.of("log.retention.ms", "3600000")));
        awaitRolling(RollTurn.WAITING);
        operator.stop();

        operator = MockApiOperator.start(client, clock, kafka);
        statefulSets.podsBecomeReady = true;

        user.awaitReady(3, 3);
        assertThat(changed(before, podUids())).hasSize(3);
        assertThat(restartMessages()).extracting(m -> m.substring(0, m.indexOf(" ("))).containsExactly(
                "restarting kafka-broker-0", "restarting kafka-broker-1", "restarting kafka-broker-2");
    }

    @Test
    void theRestartAnnotationRollsEveryNodeControllersFirstTheActiveOneLast() {
        Map<String, String> before = podUids();

        client.resources(KafkaCluster.class).inNamespace(client.getNamespace()).withName(NAME).edit(cluster -> {
            cluster.getMetadata().setAnnotations(Map.of(PodFingerprint.RESTART_REQUEST, "2026-12-01T10:00:00Z"));
            return cluster;
        });

        user.awaitEvent(ClusterEvents.ROLL_COMPLETED);
        user.awaitReady(3, 3);
        assertThat(changed(before, podUids())).hasSize(6);
        // FakeKafka's active controller is kafka-controller-0 (node 1000).
        assertThat(restartMessages()).containsExactly(
                "restarting kafka-controller-1 (restart requested), 0 of 6 done",
                "restarting kafka-controller-2 (restart requested), 1 of 6 done",
                "restarting kafka-controller-0 (restart requested; the active controller, last), 2 of 6 done",
                "restarting kafka-broker-0 (restart requested), 3 of 6 done",
                "restarting kafka-broker-1 (restart requested), 4 of 6 done",
                "restarting kafka-broker-2 (restart requested), 5 of 6 done");
    }

    @Test
    void aVersionUpgradeRollsEveryNodeThenRaisesTheMetadataVersionAndRefusesGoingBack() {
        // A cluster formatted by Kafka 4.3.1, beside the 4.4.0 one every test starts with.
        ClusterUser user = new ClusterUser(client, "old");
        kafka.metadataLevels.put("old", 30);
        KafkaClusterSpec spec431 = new KafkaClusterSpec();
        spec431.setVersion("4.3.1");
        user.create(user.withSpec(spec431));
        user.awaitReady(3, 3);
        await().atMost(TIMEOUT).until(() -> List.of("4.3.1").equals(user.current().getStatus().getRunningVersions()));
        assertThat(user.current().getStatus().getMetadataVersion()).isEqualTo("4.3-IV0");
        int before = restartMessages().size();

        user.edit(spec -> spec.setVersion("4.4.0"));

        user.awaitEvent(ClusterEvents.METADATA_VERSION_RAISED);
        assertThat(kafka.metadataLevels).containsEntry("old", 33);
        List<String> upgrade = restartMessages().subList(before, restartMessages().size());
        assertThat(upgrade).hasSize(6).allSatisfy(m -> assertThat(m).contains("(Kafka version changed"));
        assertThat(upgrade.get(0)).startsWith("restarting old-controller-");
        assertThat(upgrade.get(5)).startsWith("restarting old-broker-2");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            KafkaClusterStatus status = user.current().getStatus();
            assertThat(status.getRunningVersions()).containsExactly("4.4.0");
            assertThat(status.getMetadataVersion()).isEqualTo("4.4-IV2");
        });

        user.edit(spec -> spec.setVersion("4.3.1"));

        user.awaitEvent(ClusterEvents.SPEC_REFUSED);
        assertThat(ClusterUser.readyCondition(user.current().getStatus()).getMessage())
                .contains("spec.version: cannot go back to Kafka 4.3.1");
        assertThat(restartMessages()).hasSize(before + 6);
    }

    private Condition awaitRolling(String reason) {
        await().atMost(TIMEOUT).until(() -> {
            KafkaClusterStatus status = user.current().getStatus();
            return status != null && status.condition(KafkaClusterStatus.ROLLING)
                    .filter(c -> reason.equals(c.getReason())).isPresent();
        });
        return rolling(user.current().getStatus());
    }

    private static Condition rolling(KafkaClusterStatus status) {
        return status.condition(KafkaClusterStatus.ROLLING).orElseThrow();
    }

    private Map<String, String> podUids() {
        return client.pods().inNamespace(client.getNamespace()).withLabel(Labels.INSTANCE, NAME).list().getItems()
                .stream().collect(Collectors.toMap(pod -> pod.getMetadata().getName(),
                        pod -> pod.getMetadata().getUid(), (a, b) -> a, TreeMap::new));
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(pod -> !before.get(pod).equals(after.get(pod))).sorted().toList();
    }

    /** The Restarting events' messages, oldest first. */
    private List<String> restartMessages() {
        return client.v1().events().inNamespace(client.getNamespace()).list().getItems().stream()
                .filter(e -> ClusterEvents.RESTARTING.equals(e.getReason()))
                // The mock server numbers resource versions in the order objects are written.
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(Event::getMessage).toList();
    }
}
