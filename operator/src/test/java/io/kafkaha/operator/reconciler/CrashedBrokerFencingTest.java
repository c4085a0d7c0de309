package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.operator.PodLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fast fencing's operator side on the mock API server, with {@link FakeKafka} recording the unregister calls: a
 * broker pod whose Kafka container the kubelet reports terminated is unregistered within a second; a pod that is
 * only not ready (unreachable, paused, failing its probe) is not, nor is a pod being deleted (a roll's graceful
 * stop), nor one whose container died longer ago than Kafka holds a dead broker's session.
 */
@EnableKubernetesMockClient(crud = true)
class CrashedBrokerFencingTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();

    KubernetesClient client;
    private final FakeKafka kafka = new FakeKafka();
    private final TestClock clock = new TestClock();
    private FakeStatefulSetController statefulSets;
    private Operator operator;

    @BeforeEach
    void startOperator() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
        ClusterUser user = new ClusterUser(client, "kafka");
        operator = MockApiOperator.start(client, clock, kafka);
        user.create(user.seed());
        user.awaitReady(3, 3);
        // From here the pods' status is the test's alone.
        statefulSets.podsBecomeReady = false;
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void aBrokerWhoseContainerTerminatedIsUnregisteredWithinASecond() {
        setContainer("kafka-broker-1", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(137).withReason("Error")
                .withFinishedAt(now()).endTerminated().endState().build(), false);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !kafka.unregistered.isEmpty());
        assertThat(kafka.unregistered).containsExactly(client.getNamespace() + "/kafka/1");

        // The kubelet restarts it; the same death seen again as lastState is not acted on twice.
        setContainer("kafka-broker-1", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(1).withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(137).withFinishedAt(now()).endTerminated().endLastState().build(), false);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> kafka.unregistered.size() == 1);
    }

    @Test
    void aBrokerThatIsOnlyNotReadyOrBeingDeletedIsLeftToKafka() {
        setContainer("kafka-broker-2", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(0).withNewState().withNewRunning().endRunning().endState().build(), true);
        setContainer("kafka-broker-0", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(0).withFinishedAt(now()).endTerminated().endState()
                .build(), false, true);

        // A third, real death afterwards is seen: the informer did deliver the updates before it.
        setContainer("kafka-broker-1", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(137).withFinishedAt(now()).endTerminated().endState()
                .build(), false);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !kafka.unregistered.isEmpty());
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> kafka.unregistered.size() == 1);
        assertThat(kafka.unregistered).containsExactly(client.getNamespace() + "/kafka/1");
    }

    /**
     * A death seen late (an operator restarted, a slow informer) while the restarted container is still starting:
     * Kafka's session timeout has fenced the dead incarnation and the new one may have registered, which an
     * unregister would cut off for good (a running broker never re-registers). Left alone; a fresh death is not.
     */
    @Test
    void aDeathSeenAfterKafkasSessionTimeoutIsLeftAloneForTheNewIncarnationMayHaveRegistered() {
        String longAgo = clock.instant().minusSeconds(30).toString();
        setContainer("kafka-broker-2", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(1).withNewState().withNewRunning().endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(137).withFinishedAt(longAgo).endTerminated()
                .endLastState().build(), true);

        setContainer("kafka-broker-1", new ContainerStatusBuilder().withName(PodLayout.CONTAINER).withReady(false)
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(137).withFinishedAt(now())
                .endTerminated().endState().build(), false);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !kafka.unregistered.isEmpty());
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> kafka.unregistered.size() == 1);
        assertThat(kafka.unregistered).containsExactly(client.getNamespace() + "/kafka/1");
    }

    private String now() {
        return clock.instant().toString();
    }

    private void setContainer(String podName, ContainerStatus container, boolean notReady) {
        setContainer(podName, container, notReady, false);
    }

    /** Sets the pod's status as the kubelet would; {@code deleting} marks it as being deleted gracefully. */
    private void setContainer(String podName, ContainerStatus container, boolean notReady, boolean deleting) {
        Pod pod = client.pods().withName(podName).get();
        PodBuilder changed = new PodBuilder(pod).editStatus().withContainerStatuses(container).endStatus();
        if (notReady) {
            changed.editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False")
                    .endCondition().endStatus();
        }
        if (deleting) {
            // A finalizer holds the pod, so deleting it leaves it terminating, as the kubelet's SIGTERM runs.
            client.resource(new PodBuilder(pod).editMetadata().addToFinalizers("kafkaha.io/test-hold").endMetadata()
                    .build()).update();
            client.pods().withName(podName).delete();
            pod = client.pods().withName(podName).get();
            assertThat(pod.getMetadata().getDeletionTimestamp()).isNotNull();
            changed = new PodBuilder(pod).editStatus().withContainerStatuses(container).endStatus();
        }
        client.resource(changed.build()).updateStatus();
    }
}
