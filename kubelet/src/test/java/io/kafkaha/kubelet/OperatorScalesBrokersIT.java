package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterSpec;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.cli.it.PerMessageVerdict;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/**
 * The operator changes the number of brokers of a running cluster, its pods run for real by the
 * {@link ProcessKubelet}: 3 → 4 (partitions spread onto the new broker) and 4 → 3 (the broker emptied, its pod
 * removed, the broker unregistered), under verified acks=all traffic. Afterwards no partition has a replica on
 * broker 3, {@code describeCluster} does not list it even as fenced, and no acknowledged record is lost,
 * duplicated or reordered and no send fails.
 */
class OperatorScalesBrokersIT {
    private static final String NAME = "kafka";
    private static final String NAMESPACE = "brokers-it";
    private static final String TOPIC = "scaled";
    private static final Duration FORMATION = Duration.ofMinutes(6);
    private static final Duration CHANGE = Duration.ofMinutes(8);
    private static final Path ROOT = Path.of("target", "it", "OperatorScalesBrokersIT").toAbsolutePath();

    @Test
    void brokersGoFromThreeToFourAndBackWithoutAVerifiedClientNoticing() throws Exception {
        if (Files.exists(ROOT)) {
            try (Stream<Path> files = Files.walk(ROOT)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        long start = System.nanoTime();
        // Pod addresses: a part of 127/8 no other test uses.
        try (OperatorOnProcessKubelet kubernetes = OperatorOnProcessKubelet.start(NAMESPACE, ROOT, "127.0.71.")) {
            KafkaCluster cluster = new KafkaCluster();
            cluster.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
            cluster.setSpec(new KafkaClusterSpec());
            kubernetes.create(cluster);
            kubernetes.awaitReady(NAME, FORMATION);
            System.out.printf("process kubelet: 3+3 cluster Ready after %ds%n", seconds(start));
            String bootstrap = kubernetes.bootstrapServers(NAME);
            try (Admin admin = Admin.create(patientAdmin(bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 8, (short) 3))).all().get();

                VerificationRun traffic = Verifier.start(new VerifierSettings(bootstrap, TOPIC,
                        Duration.ofMinutes(25), 400, Duration.ofMinutes(2)));
                try {
                    await().atMost(CHANGE).until(() -> traffic.acknowledged() >= 1_000);

                    edit(kubernetes, spec -> spec.getBrokers().setReplicas(4));
                    Condition four = awaitBrokerScaling(kubernetes,
                            "the cluster has its 4 broker(s); partitions spread over them");
                    System.out.printf("process kubelet: %s after %ds%n", four.getMessage(), seconds(start));
                    kubernetes.awaitReady(NAME, CHANGE);
                    assertThat(replicasOn(admin, 3)).as("replicas on the new broker").isPositive();

                    edit(kubernetes, spec -> spec.getBrokers().setReplicas(3));
                    Condition three = awaitBrokerScaling(kubernetes, "the cluster has its 3 broker(s)");
                    System.out.printf("process kubelet: %s after %ds%n", three.getMessage(), seconds(start));
                    kubernetes.awaitReady(NAME, CHANGE);
                    assertThat(kubernetes.client().apps().statefulSets().inNamespace(NAMESPACE)
                            .withName(NAME + "-broker").get().getSpec().getReplicas()).isEqualTo(3);
                    assertThat(replicasOn(admin, 3)).as("replicas on the removed broker").isZero();
                    assertThat(admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                            .nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(0, 1, 2);
                    await().atMost(CHANGE).until(() -> traffic.acknowledged() >= 20_000);
                } finally {
                    traffic.stopProducing();
                }
                VerificationReport report = traffic.awaitReport();
                System.out.printf("process kubelet: verifier while scaling the brokers: %s (%ds)%n",
                        report.render(true), seconds(start));
                PerMessageVerdict.assertClean(report, 20_000);
            }
            List<String> events = kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                    .filter(event -> "BrokersScaling".equals(event.getReason()))
                    .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getMetadata()
                            .getResourceVersion())))
                    .map(event -> event.getMessage()).toList();
            System.out.printf("process kubelet: BrokersScaling events:%n  %s%n", String.join("\n  ", events));
            assertThat(events).anySatisfy(message -> assertThat(message).startsWith("moving partitions off"
                    + " kafka-broker-3"));
            assertThat(events).anySatisfy(message -> assertThat(message).startsWith("unregistering kafka-broker-3"));
        }
    }

    private static long replicasOn(Admin admin, int broker) throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(admin.listTopics().names().get())
                .allTopicNames().get();
        return topics.values().stream().flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.replicas().stream().anyMatch(node -> node.id() == broker)).count();
    }

    private static Condition awaitBrokerScaling(OperatorOnProcessKubelet kubernetes, String message) {
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaClusterStatus status = kubernetes.cluster(NAME).getStatus();
            return status != null && status.condition(KafkaClusterStatus.BROKER_SCALING)
                    .filter(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage())).isPresent();
        });
        return kubernetes.cluster(NAME).getStatus().condition(KafkaClusterStatus.BROKER_SCALING).orElseThrow();
    }

    private static void edit(OperatorOnProcessKubelet kubernetes, Consumer<KafkaClusterSpec> change) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
                && k.getCode() == 409).until(() -> {
                    kubernetes.client().resources(KafkaCluster.class).inNamespace(NAMESPACE).withName(NAME)
                            .edit(cluster -> {
                                if (cluster.getSpec().getBrokers() == null) {
                                    cluster.getSpec().setBrokers(new io.kafkaha.api.v1beta1.BrokersSpec());
                                }
                                change.accept(cluster.getSpec());
                                return cluster;
                            });
                    return true;
                });
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
