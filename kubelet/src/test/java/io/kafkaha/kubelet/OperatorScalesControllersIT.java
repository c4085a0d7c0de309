package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.ControllersSpec;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The operator changes the number of KRaft controllers of a running cluster, its pods run for real by the
 * {@link ProcessKubelet}: 3 → 5 with an operator restart once the first new controller is a voter, then 5 → 3,
 * under verified acks=all traffic. After each change Kafka's quorum has exactly the expected voters, the
 * StatefulSet the expected pods and {@code ControllerQuorum} says so; no acknowledged record is lost, duplicated
 * or reordered and no send fails.
 */
@Disabled("not run green yet: written at the end of the session that built controller scaling, with no time left"
        + " to run it on the loaded build machine; enable it once it passed (QuorumScalingTest covers the"
        + " operator's steps on the mock API server meanwhile)")
class OperatorScalesControllersIT {
    private static final String NAME = "kafka";
    private static final String NAMESPACE = "quorum-it";
    private static final String TOPIC = "scaled";
    private static final Duration FORMATION = Duration.ofMinutes(6);
    private static final Duration CHANGE = Duration.ofMinutes(6);
    private static final Path ROOT = Path.of("target", "it", "OperatorScalesControllersIT").toAbsolutePath();

    @Test
    void controllersGoFromThreeToFiveAndBackWithoutAVerifiedClientNoticing() throws Exception {
        if (Files.exists(ROOT)) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        long start = System.nanoTime();
        // Pod addresses: a part of 127/8 no other test uses.
        try (OperatorOnProcessKubelet kubernetes = OperatorOnProcessKubelet.start(NAMESPACE, ROOT, "127.0.67.")) {
            KafkaCluster cluster = new KafkaCluster();
            cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
            cluster.setSpec(new KafkaClusterSpec());
            kubernetes.create(cluster);
            kubernetes.awaitReady(NAME, FORMATION);
            System.out.printf("process kubelet: 3+3 cluster Ready after %ds%n", seconds(start));
            String bootstrap = kubernetes.bootstrapServers(NAME);
            try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3))).all().get();
                assertThat(voters(admin)).containsExactly(1000, 1001, 1002);

                VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, TOPIC,
                        Duration.ofMinutes(20), 150, Duration.ofMinutes(2)));
                try {
                    await().atMost(CHANGE).until(() -> traffic.acknowledged() >= 1_000);

                    edit(kubernetes, spec -> spec.setControllers(new ControllersSpec(5, null)));
                    await().atMost(CHANGE).pollInterval(Duration.ofSeconds(1))
                            .until(() -> voters(admin).contains(1003));
                    System.out.printf("process kubelet: kafka-controller-3 is a voter after %ds; restarting the"
                            + " operator%n", seconds(start));
                    kubernetes.restartOperator();
                    Condition five = awaitQuorum(kubernetes, "the quorum has its 5 voter(s): 1000, 1001, 1002, 1003,"
                            + " 1004");
                    System.out.printf("process kubelet: %s after %ds%n", five.getMessage(), seconds(start));
                    assertThat(voters(admin)).containsExactly(1000, 1001, 1002, 1003, 1004);
                    kubernetes.awaitReady(NAME, CHANGE);

                    edit(kubernetes, spec -> spec.setControllers(new ControllersSpec(3, null)));
                    Condition three = awaitQuorum(kubernetes, "the quorum has its 3 voter(s): 1000, 1001, 1002");
                    System.out.printf("process kubelet: %s after %ds%n", three.getMessage(), seconds(start));
                    assertThat(voters(admin)).containsExactly(1000, 1001, 1002);
                    kubernetes.awaitReady(NAME, CHANGE);
                    assertThat(kubernetes.client().apps().statefulSets().inNamespace(NAMESPACE)
                            .withName(NAME + "-controller").get().getSpec().getReplicas()).isEqualTo(3);
                    await().atMost(CHANGE).until(() -> traffic.acknowledged() >= 20_000);
                } finally {
                    traffic.stopProducing();
                }
                VerificationReport report = traffic.awaitReport();
                System.out.printf("process kubelet: verifier while scaling the controllers: %s (%ds)%n",
                        report.render(true), seconds(start));
                assertThat(report.lost()).as(report.render(true)).isZero();
                assertThat(report.duplicates()).as(report.render(true)).isZero();
                assertThat(report.orderViolations()).as(report.render(true)).isZero();
                assertThat(report.failedSends()).as(report.render(true)).isZero();
                assertThat(report.acknowledged()).isGreaterThanOrEqualTo(20_000);
            }
            List<String> events = kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(event -> "QuorumChanged".equals(event.getReason()))
                    .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getMetadata()
                            .getResourceVersion())))
                    .map(event -> event.getMessage()).toList();
            System.out.printf("process kubelet: QuorumChanged events:%n  %s%n", String.join("\n  ", events));
            assertThat(events).filteredOn(message -> message.startsWith("adding"))
                    .hasSize(2);
            assertThat(events).filteredOn(message -> message.startsWith("removing")).hasSize(2);
        }
    }

    private static Condition awaitQuorum(OperatorOnProcessKubelet kubernetes, String message) {
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaClusterStatus status = kubernetes.cluster(NAME).getStatus();
            return status != null && status.condition(KafkaClusterStatus.CONTROLLER_QUORUM)
                    .filter(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage())).isPresent();
        });
        return kubernetes.cluster(NAME).getStatus().condition(KafkaClusterStatus.CONTROLLER_QUORUM).orElseThrow();
    }

    private static void edit(OperatorOnProcessKubelet kubernetes, Consumer<KafkaClusterSpec> change) {
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

    private static List<Integer> voters(Admin admin) throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
                .map(QuorumInfo.ReplicaState::replicaId).sorted().toList();
    }

    /** Many JVMs on a shared 2-core machine answer slowly at times: timeouts for that, not for a broken cluster. */
    private static Map<String, Object> patientAdmin(String bootstrap) {
        Map<String, Object> config = new java.util.HashMap<>(ClientSettings.admin(bootstrap));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
