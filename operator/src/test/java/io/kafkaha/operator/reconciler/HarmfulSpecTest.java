package io.kafkaha.operator.reconciler;

import static io.kafkaha.operator.reconciler.ClusterUser.readyCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.api.v1beta1.KafkaCluster;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.core.kafka.KafkaReleases;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.ResourceNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every spec that cannot work, applied in turn to a running cluster on the mock API server (which, like a CRD that
 * leaves a field open, does not stop them): each is refused before anything is written, with the field and what
 * to do; the other cluster is still served meanwhile; setting the spec back recovers. Risky settings that work are
 * applied with a {@code Warnings} condition instead.
 */
@EnableKubernetesMockClient(crud = true)
class HarmfulSpecTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    private static final java.util.logging.Logger MOCK_SERVER_LOG = MockApiOperator.quietMockServerLog();
    private static final String NAME = "kafka";
    private static final String REFUSED = "spec refused, nothing was changed on the running cluster: ";
    /** The spec as the API server would store it with its defaults, so setting it back changes nothing. */
    private static final Map<String, Object> GOOD = Map.of("version", "4.4.0",
            "controllers", Map.of("replicas", 3), "brokers", Map.of("replicas", 3));

    KubernetesClient client;
    private FakeStatefulSetController statefulSets;
    private Operator operator;
    private ClusterUser user;
    private ClusterUser other;
    private int otherBrokers = 3;

    @BeforeEach
    void startWithTwoReadyClusters() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        statefulSets = new FakeStatefulSetController(client);
        operator = MockApiOperator.start(client, new TestClock());
        user = new ClusterUser(client, NAME);
        other = new ClusterUser(client, "other");
        rawCluster(NAME).create(rawCluster(NAME, GOOD));
        other.create(other.seed());
        user.awaitReady(3, 3);
        other.awaitReady(3, 3);
    }

    @AfterEach
    void stopOperator() throws InterruptedException {
        if (operator != null) {
            operator.stop();
        }
        statefulSets.close();
    }

    @Test
    void eachSpecThatCannotWorkIsRefusedBeforeAnythingIsWrittenAndSettingItBackRecovers() {
        Map<String, String> before = versions();
        String metadataVersion = user.current().getStatus().getMetadataVersion();
        assertThat(metadataVersion).isEqualTo("4.4-IV2");

        refusedThenRecovers(withBrokers(Map.of("resources", Map.of("requests", Map.of("cpu", "abc")))),
                "spec.brokers.resources.requests.cpu: 'abc' is not a Kubernetes quantity; use a number with an"
                        + " optional unit, e.g. '2' or '500m' (cores; m = 1/1000)", before);
        refusedThenRecovers(withBrokers(Map.of("resources", Map.of("limits", Map.of("memory", "lots")))),
                "spec.brokers.resources.limits.memory: 'lots' is not a Kubernetes quantity; use a number with an"
                        + " optional unit, e.g. '4Gi' or '512Mi' (bytes; Gi = 2^30, G = 10^9)", before);
        refusedThenRecovers(with("controllers", Map.of("replicas", 3, "resources", Map.of(
                        "requests", Map.of("memory", "2Gi"), "limits", Map.of("memory", "1Gi")))),
                "spec.controllers.resources.limits.memory: 1Gi is below the request 2Gi (a container cannot be"
                        + " limited to less than it requests); raise the limit to at least 2Gi or lower the request",
                before);
        refusedThenRecovers(withBrokers(Map.of("config", Map.of("log.retention.hours", "72\nnode.id=7"))),
                "spec.brokers.config: the value of 'log.retention.hours' contains a line break, which Kafka's"
                        + " server.properties cannot hold; write it on one line", before);
        refusedThenRecovers(withBrokers(Map.of("config", Map.of("num partitions", "6"))),
                "spec.brokers.config: 'num partitions' is not a Kafka setting name; names are letters, digits,"
                        + " '.', '-' and '_', e.g. 'num.partitions'; correct it or remove it", before);
        refusedThenRecovers(with("version", "9.9.9"),
                "spec.version: Kafka 9.9.9 is not a release kafka-ha knows (no apache/kafka:9.9.9 image was"
                        + " published when it was built); use one of " + String.join(", ", KafkaReleases.PUBLISHED),
                before);
        refusedThenRecovers(with("version", "4.0.0"),
                "spec.version: cannot go back to Kafka 4.0.0: the cluster's metadata.version is already 4.4-IV2,"
                        + " which Kafka 4.0.0 cannot read, and Kafka never lowers it; keep a version of release 4.4"
                        + " or newer", before);
        Map<String, Object> unknown = with("foo", 1);
        unknown.put("brokers", Map.of("replicas", 3, "replicaz", 4));
        refusedThenRecovers(unknown,
                "spec.foo: unknown field; spec has version, image, controllers, brokers and template; correct the"
                        + " name or remove it; spec.brokers.replicaz: unknown field; spec.brokers has replicas,"
                        + " rebalanceOnScaleUp, storage, resources and config; correct the name or remove it", before);
    }

    @Test
    void riskySettingsAreAppliedWithAWarningKeptWhileALaterSpecIsRefused() {
        assertThat(warnings(user.current().getStatus()).getStatus()).isEqualTo("False");
        assertThat(warnings(user.current().getStatus()).getMessage()).isEqualTo("no risky settings");

        setRawSpec(NAME, withBrokers(Map.of("config", Map.of("unclean.leader.election.enable", "true"))));

        awaitWarnings(user, "risky settings (allowed): spec.brokers.config: unclean.leader.election.enable=true"
                + " lets a replica that missed acknowledged writes become leader, trading those writes for"
                + " availability");
        user.awaitReady(3, 3);
        assertThat(warnings(user.current().getStatus()).getReason())
                .isEqualTo(ClusterStatusAggregator.RISKY_SETTINGS);
        String warned = warnings(user.current().getStatus()).getMessage();

        setRawSpec(NAME, withBrokers(Map.of("config", Map.of("unclean.leader.election.enable", "true"),
                "resources", Map.of("requests", Map.of("cpu", "abc")))));
        awaitRefused(user, "spec.brokers.resources.requests.cpu: 'abc' is not a Kubernetes quantity; use a number"
                + " with an optional unit, e.g. '2' or '500m' (cores; m = 1/1000)");
        assertThat(warnings(user.current().getStatus()).getMessage()).as("still what runs").isEqualTo(warned);

        setRawSpec(NAME, GOOD);
        awaitWarnings(user, null);
        user.awaitReady(3, 3);

        ClusterUser small = new ClusterUser(client, "small");
        rawCluster("small").create(rawCluster("small", Map.of("controllers", Map.of("replicas", 2),
                "brokers", Map.of("replicas", 1))));
        small.awaitReady(2, 1);
        awaitWarnings(small, "risky settings (allowed): spec.brokers.replicas: with 1 broker new topics get a single"
                + " replica, lost or unavailable with it; 3 brokers give 3 copies; spec.controllers.replicas: 2"
                + " controllers tolerate the loss of none, like 1 (the quorum needs a majority, 2 of 2)");
    }

    /** Applies {@code bad}: refused, nothing written, the other cluster still served; {@link #GOOD} recovers. */
    private void refusedThenRecovers(Map<String, Object> bad, String problems, Map<String, String> before) {
        setRawSpec(NAME, bad);

        awaitRefused(user, problems);
        assertThat(readyCondition(user.current().getStatus()).getMessage()).isEqualTo(REFUSED + problems);
        assertThat(versions()).as("owned objects untouched by " + bad).isEqualTo(before);
        otherBrokers++;
        other.edit(spec -> spec.getBrokers().setReplicas(otherBrokers));
        other.awaitReady(3, otherBrokers);
        assertThat(versions()).isEqualTo(before);

        setRawSpec(NAME, GOOD);
        user.awaitReady(3, 3);
        assertThat(user.current().getStatus().condition(ClusterStatusAggregator.SPEC_VALID).orElseThrow()
                .getStatus()).isEqualTo("True");
        assertThat(versions()).as("the spec set back is the one applied: nothing to write").isEqualTo(before);
    }

    private static void awaitRefused(ClusterUser cluster, String problems) {
        await().atMost(ClusterUser.TIMEOUT).untilAsserted(() -> {
            KafkaCluster current = cluster.current();
            Condition specValid = current.getStatus().condition(ClusterStatusAggregator.SPEC_VALID).orElseThrow();
            assertThat(specValid.getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(specValid.getStatus()).isEqualTo("False");
            assertThat(specValid.getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
            assertThat(specValid.getMessage()).isEqualTo(REFUSED + problems);
            assertThat(readyCondition(current.getStatus()).getReason()).isEqualTo(ClusterStatusAggregator.INVALID_SPEC);
        });
    }

    /** Waits for Warnings=True with {@code message}, or for Warnings=False when it is null. */
    private static void awaitWarnings(ClusterUser cluster, String message) {
        await().atMost(ClusterUser.TIMEOUT).untilAsserted(() -> {
            KafkaCluster current = cluster.current();
            Condition warnings = warnings(current.getStatus());
            assertThat(warnings.getObservedGeneration()).isEqualTo(current.getMetadata().getGeneration());
            assertThat(warnings.getStatus()).isEqualTo(message == null ? "False" : "True");
            if (message != null) {
                assertThat(warnings.getMessage()).isEqualTo(message);
            }
            assertThat(current.getStatus().condition(ClusterStatusAggregator.SPEC_VALID).orElseThrow().getStatus())
                    .isEqualTo("True");
        });
    }

    private static Condition warnings(KafkaClusterStatus status) {
        return status.condition(KafkaClusterStatus.WARNINGS).orElseThrow();
    }

    /** {@link #GOOD} with one top-level field replaced or added. */
    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> spec = new TreeMap<>(GOOD);
        spec.put(field, value);
        return spec;
    }

    /** {@link #GOOD} with these brokers' fields besides {@code replicas: 3}. */
    private static Map<String, Object> withBrokers(Map<String, Object> fields) {
        Map<String, Object> brokers = new TreeMap<>(fields);
        brokers.put("replicas", 3);
        return with("brokers", brokers);
    }

    /** Resource versions of the cluster's owned objects (and its cluster-id ConfigMap), by kind and name. */
    private Map<String, String> versions() {
        Stream<HasMetadata> perRole = Stream.of(NodeRole.values()).flatMap(role -> Stream.of(
                client.apps().statefulSets().withName(ResourceNames.statefulSet(NAME, role)).get(),
                client.services().withName(ResourceNames.headlessService(NAME, role)).get(),
                client.policy().v1().podDisruptionBudget().withName(ResourceNames.disruptionBudget(NAME, role))
                        .get()));
        List<HasMetadata> objects = Stream.concat(perRole, Stream.of(
                client.configMaps().withName(ResourceNames.configMap(NAME)).get(),
                client.configMaps().withName(ResourceNames.clusterId(NAME)).get(),
                client.services().withName(ResourceNames.bootstrapService(NAME)).get())).toList();
        Map<String, String> versions = new TreeMap<>();
        objects.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                o.getMetadata().getResourceVersion()));
        return versions;
    }

    /** The cluster as raw JSON: the test writes exactly the spec it means, as kubectl would send it. */
    private Resource<GenericKubernetesResource> rawCluster(String name) {
        return client.genericKubernetesResources(KafkaCluster.GROUP + "/" + KafkaCluster.VERSION, "KafkaCluster")
                .inNamespace(client.getNamespace()).withName(name);
    }

    private void setRawSpec(String name, Map<String, Object> spec) {
        await().atMost(ClusterUser.TIMEOUT).ignoreExceptions().until(() -> {
            rawCluster(name).edit(cluster -> {
                cluster.setAdditionalProperty("spec", spec);
                return cluster;
            });
            return true;
        });
    }

    private static GenericKubernetesResource rawCluster(String name, Map<String, Object> spec) {
        GenericKubernetesResource cluster = new GenericKubernetesResource();
        cluster.setApiVersion(KafkaCluster.GROUP + "/" + KafkaCluster.VERSION);
        cluster.setKind("KafkaCluster");
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
        cluster.setAdditionalProperty("spec", spec);
        return cluster;
    }
}
