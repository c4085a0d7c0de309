package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.operator.quorum.QuorumTurn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of a controller count change on the mock API server, with the fake StatefulSet controller
 * and {@link FakeKafka} keeping a voter set: the controller StatefulSet grows and shrinks one pod at a time, each
 * new controller is added as a voter once it runs, leaving ones are removed before their pod goes, and the
 * status and events say what happens. Kafka's own behaviour is proven with real processes
 * ({@code OperatorFormsClusterIT}, kubelet module).
 */
@EnableKubernetesMockClient(crud = true)
class QuorumScalingTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final String NAME = "kafka";
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
    void controllersGoFromThreeToFiveAndBackOneVoterAtATime() {
        assertThat(clusterIdData()).containsEntry(ClusterIds.FORMATION_KEY, "3");
        assertThat(quorum().getStatus()).isEqualTo("True");

        user.edit(spec -> spec.setControllers(new ControllersSpec(5, null)));
        awaitQuorum("the quorum has its 5 voter(s): 1000, 1001, 1002, 1003, 1004");
        user.awaitReady(5, 3);
        assertThat(kafka.quorumChanges).containsExactly("add 1003", "add 1004");
        assertThat(quorumEvents()).containsExactly(
                "starting kafka-controller-3 as an observer (3 of 5 voters)",
                "adding kafka-controller-3 as a voter, a caught-up observer (3 of 5 voters)",
                "starting kafka-controller-4 as an observer (4 of 5 voters)",
                "adding kafka-controller-4 as a voter, a caught-up observer (4 of 5 voters)");

        user.edit(spec -> spec.setControllers(new ControllersSpec(3, null)));
        awaitQuorum("the quorum has its 3 voter(s): 1000, 1001, 1002");
        user.awaitReady(3, 3);
        assertThat(kafka.quorumChanges).containsExactly("add 1003", "add 1004", "remove 1004", "remove 1003");
        assertThat(quorumEvents()).endsWith(
                "removing kafka-controller-4 from the voters (5 -> 4 voters, 3 wanted)",
                "stopping kafka-controller-4 (no voter any more; 4 voters, 3 wanted)",
                "removing kafka-controller-3 from the voters (4 -> 3 voters, 3 wanted)",
                "stopping kafka-controller-3 (no voter any more; 3 voters, 3 wanted)");
        // The formation never changes: nodes formed the quorum are the first three, whatever the count now.
        assertThat(clusterIdData()).containsEntry(ClusterIds.FORMATION_KEY, "3");
        assertThat(user.current().getStatus().condition(KafkaClusterStatus.ROLLING)
                .map(Condition::getReason)).hasValueSatisfying(reason -> assertThat(reason).isNotEqualTo("Restarting"));
    }

    @Test
    void aVoterChangeKafkaRefusesIsReportedAndTriedAgain() {
        kafka.quorumRefusals.set(1);

        user.edit(spec -> spec.setControllers(new ControllersSpec(4, null)));

        user.awaitEvent(ClusterEvents.QUORUM_CHANGE_FAILED);
        awaitQuorum("the quorum has its 4 voter(s): 1000, 1001, 1002, 1003");
        assertThat(kafka.quorumChanges).containsExactly("add 1003");
        assertThat(user.current().getStatus().condition(KafkaClusterStatus.WARNINGS).orElseThrow().getMessage())
                .contains("4 controllers tolerate the loss of only 1");
    }

    private void awaitQuorum(String message) {
        await().atMost(ClusterUser.TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Condition quorum = quorum();
            assertThat(quorum.getMessage()).isEqualTo(message);
            assertThat(quorum.getStatus()).isEqualTo("True");
            assertThat(quorum.getReason()).isEqualTo(QuorumTurn.AS_SPECIFIED);
        });
    }

    private Condition quorum() {
        return user.current().getStatus().condition(KafkaClusterStatus.CONTROLLER_QUORUM).orElseThrow();
    }

    private Map<String, String> clusterIdData() {
        return client.configMaps().withName(NAME + "-cluster-id").get().getData();
    }

    private List<String> quorumEvents() {
        return client.v1().events().inNamespace(client.getNamespace()).list().getItems().stream()
                .filter(e -> ClusterEvents.QUORUM_CHANGED.equals(e.getReason()))
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(Event::getMessage).toList();
    }
}
