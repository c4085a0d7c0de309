package io.kafkaha.api.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules that keep a spec which cannot work from reaching the StatefulSets (resource quantities, limits below
 * requests, config text that would break server.properties) and the warnings for risky settings that are allowed.
 */
class SpecSafetyRulesTest {

    @Test
    void aCpuRequestThatIsNotAQuantityIsRefusedWithAnExample() {
        KafkaCluster cluster = Serialization.unmarshal("""
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata: {name: kafka}
                spec:
                  brokers:
                    resources: {requests: {cpu: abc}}
                """, KafkaCluster.class);

        assertThat(KafkaClusterSpecs.validate(cluster).problems()).extracting(SpecProblem::toString).containsExactly(
                "spec.brokers.resources.requests.cpu: 'abc' is not a Kubernetes quantity; use a number with an"
                        + " optional unit, e.g. '2' or '500m' (cores; m = 1/1000)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2GB", "1.5 Gi", "Gi", "1e", "0x10"})
    void malformedMemoryLimitsAreRefused(String memory) {
        KafkaClusterSpec spec = withResources(NodesOf.CONTROLLERS, Map.of(), Map.of("memory", memory));

        assertThat(problems(spec)).containsExactly("spec.controllers.resources.limits.memory: '" + memory + "' is"
                + " not a Kubernetes quantity; use a number with an optional unit, e.g. '4Gi' or '512Mi' (bytes;"
                + " Gi = 2^30, G = 10^9)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "500m", "0.5", "1e3", "4Gi", "512M", "+1"})
    void wellFormedQuantitiesAreAccepted(String quantity) {
        assertThat(problems(withResources(NodesOf.BROKERS, Map.of("cpu", quantity, "memory", quantity),
                Map.of()))).isEmpty();
    }

    @Test
    void aNegativeQuantityIsRefused() {
        assertThat(problems(withResources(NodesOf.BROKERS, Map.of("ephemeral-storage", "-1Gi"), Map.of())))
                .containsExactly("spec.brokers.resources.requests.ephemeral-storage: '-1Gi' is negative; use e.g."
                        + " '4Gi' or '512Mi' (bytes; Gi = 2^30, G = 10^9)");
    }

    @Test
    void limitsBelowRequestsAreRefusedPerResourceAndRole() {
        KafkaClusterSpec spec = withResources(NodesOf.BROKERS, Map.of("cpu", "2", "memory", "4Gi"),
                Map.of("cpu", "1500m", "memory", "4096Mi"));
        spec.setControllers(new ControllersSpec());
        spec.getControllers().setResources(new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("1Gi")).addToLimits("memory", new Quantity("512Mi")).build());

        assertThat(problems(spec)).containsExactly(
                "spec.controllers.resources.limits.memory: 512Mi is below the request 1Gi (a container cannot be"
                        + " limited to less than it requests); raise the limit to at least 1Gi or lower the request",
                "spec.brokers.resources.limits.cpu: 1500m is below the request 2 (a container cannot be limited to"
                        + " less than it requests); raise the limit to at least 2 or lower the request");
    }

    @Test
    void aLimitWithoutRequestOrAboveItIsFine() {
        assertThat(problems(withResources(NodesOf.BROKERS, Map.of("cpu", "1"), Map.of("cpu", "2", "memory", "8Gi"))))
                .isEmpty();
    }

    @Test
    void aConfigValueWithALineBreakIsRefusedForEitherRole() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec());
        spec.getBrokers().setConfig(Map.of("log.retention.hours", "72\nprocess.roles=controller"));
        spec.setControllers(new ControllersSpec());
        spec.getControllers().setConfig(Map.of("num.io.threads", "8\r"));

        assertThat(problems(spec)).containsExactly(
                "spec.controllers.config: the value of 'num.io.threads' contains a line break, which Kafka's"
                        + " server.properties cannot hold; write it on one line",
                "spec.brokers.config: the value of 'log.retention.hours' contains a line break, which Kafka's"
                        + " server.properties cannot hold; write it on one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "num.partitions ", "a=b", "a:b", "log retention", "x\ny"})
    void configKeysThatAreNotSettingNamesAreRefused(String key) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec());
        spec.getBrokers().setConfig(Map.of(key, "1"));

        assertThat(problems(spec)).containsExactly("spec.brokers.config: '" + key.replace("\n", "\\n") + "' is not"
                + " a Kafka setting name; names are letters, digits, '.', '-' and '_', e.g. 'num.partitions';"
                + " correct it or remove it");
    }

    @Test
    void uncleanLeaderElectionIsAllowedWithAWarning() {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setBrokers(new BrokersSpec());
        spec.getBrokers().setConfig(Map.of("unclean.leader.election.enable", "true"));

        ValidatedSpec validated = KafkaClusterSpecs.validate("kafka", spec);

        assertThat(validated.isValid()).isTrue();
        assertThat(warnings(validated)).containsExactly("spec.brokers.config: unclean.leader.election.enable=true"
                + " lets a replica that missed acknowledged writes become leader, trading those writes for"
                + " availability");
    }

    @Test
    void aSingleReplicaForNewTopicsIsWarnedWhetherConfiguredOrFromOneBroker() {
        KafkaClusterSpec configured = new KafkaClusterSpec();
        configured.setBrokers(new BrokersSpec());
        configured.getBrokers().setConfig(Map.of("default.replication.factor", "1"));
        KafkaClusterSpec oneBroker = new KafkaClusterSpec();
        oneBroker.setBrokers(new BrokersSpec(1, null));

        assertThat(warnings(KafkaClusterSpecs.validate("kafka", configured))).containsExactly("spec.brokers.config:"
                + " default.replication.factor=1 keeps a single copy of each new topic's data, lost or unavailable"
                + " with its broker");
        assertThat(warnings(KafkaClusterSpecs.validate("kafka", oneBroker))).containsExactly("spec.brokers.replicas:"
                + " with 1 broker new topics get a single replica, lost or unavailable with it; 3 brokers give 3"
                + " copies");
    }

    @Test
    void anEvenNumberOfControllersIsWarned() {
        assertThat(warnings(KafkaClusterSpecs.validate("kafka", controllers(2)))).containsExactly(
                "spec.controllers.replicas: 2 controllers tolerate the loss of none, like 1 (the quorum needs a"
                        + " majority, 2 of 2)");
        assertThat(warnings(KafkaClusterSpecs.validate("kafka", controllers(4)))).containsExactly(
                "spec.controllers.replicas: 4 controllers tolerate the loss of only 1, like 3 (the quorum needs a"
                        + " majority, 3 of 4)");
        assertThat(warnings(KafkaClusterSpecs.validate("kafka", controllers(5)))).isEmpty();
    }

    @Test
    void theDefaultSpecHasNoWarningsAndARefusedSpecCarriesNone() {
        assertThat(KafkaClusterSpecs.validate("kafka", new KafkaClusterSpec()).warnings()).isEmpty();
        KafkaClusterSpec refused = controllers(2);
        refused.setVersion("4.x");

        ValidatedSpec validated = KafkaClusterSpecs.validate("kafka", refused);

        assertThat(validated.isValid()).isFalse();
        assertThat(validated.warnings()).isEmpty();
    }

    @Test
    void unknownFieldsSurviveTheCopyTheOperatorFrameworkReconciles() {
        KubernetesSerialization json = new KubernetesSerialization();
        KafkaCluster cluster = json.unmarshal("""
                {"apiVersion": "kafkaha.io/v1beta1", "kind": "KafkaCluster", "metadata": {"name": "kafka"},
                 "stauts": {}, "spec": {"foo": 1, "brokers": {"replicaz": 4}}}""", KafkaCluster.class);

        // JOSDK hands the reconciler a clone made by serializing the resource.
        KafkaCluster copy = json.clone(cluster);

        assertThat(KafkaClusterSpecs.validate(copy).problems()).extracting(SpecProblem::field)
                .containsExactly("stauts", "spec.foo", "spec.brokers.replicaz");
        assertThat(json.asJson(copy)).isEqualTo(json.asJson(cluster)).contains("\"replicaz\":4");
    }

    private enum NodesOf { CONTROLLERS, BROKERS }

    private static KafkaClusterSpec withResources(NodesOf role, Map<String, String> requests,
            Map<String, String> limits) {
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
        requests.forEach((name, value) -> resources.addToRequests(name, new Quantity(value)));
        limits.forEach((name, value) -> resources.addToLimits(name, new Quantity(value)));
        KafkaClusterSpec spec = new KafkaClusterSpec();
        if (role == NodesOf.CONTROLLERS) {
            spec.setControllers(new ControllersSpec());
            spec.getControllers().setResources(resources.build());
        } else {
            spec.setBrokers(new BrokersSpec());
            spec.getBrokers().setResources(resources.build());
        }
        return spec;
    }

    private static KafkaClusterSpec controllers(int replicas) {
        KafkaClusterSpec spec = new KafkaClusterSpec();
        spec.setControllers(new ControllersSpec(replicas, null));
        return spec;
    }

    private static List<String> problems(KafkaClusterSpec spec) {
        return KafkaClusterSpecs.validate("kafka", spec).problems().stream().map(SpecProblem::toString).toList();
    }

    private static List<String> warnings(ValidatedSpec validated) {
        return validated.warnings().stream().map(SpecProblem::toString).toList();
    }
}
