package io.kafkaha.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.plan.NodeFingerprint;
import io.kafkaha.core.plan.RestartReason;
import io.kafkaha.core.plan.SpecDiff;
import io.kafkaha.core.render.ClusterRenderer;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.render.RenderedCluster;
import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.RoleSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredFingerprintTest {
    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @Test
    void theSameSpecGivesTheSameFingerprint() {
        ClusterSpec spec = spec(Map.of("num.io.threads", "8"));
        assertThat(fingerprint(spec, "kafka-broker-1", "none")).isEqualTo(fingerprint(spec, "kafka-broker-1", "none"));
        assertThat(restartReason(spec, spec, "kafka-controller-0")).isEmpty();
    }

    @Test
    void aBrokerConfigChangeRestartsBrokersOnly() {
        ClusterSpec before = spec(Map.of("num.io.threads", "8"));
        ClusterSpec after = spec(Map.of("num.io.threads", "9"));

        assertThat(restartReason(before, after, "kafka-broker-0")).contains(RestartReason.CONFIG);
        assertThat(restartReason(before, after, "kafka-broker-2")).contains(RestartReason.CONFIG);
        assertThat(restartReason(before, after, "kafka-controller-0")).isEmpty();
    }

    @Test
    void aNewRestartTokenIsARequestedRestart() {
        ClusterSpec spec = spec(Map.of());
        NodeFingerprint started = fingerprint(spec, "kafka-broker-1", NodeFingerprints.NO_REQUEST);

        assertThat(SpecDiff.restartReason(started, fingerprint(spec, "kafka-broker-1", "a1b2")))
                .contains(RestartReason.REQUESTED);
    }

    @Test
    void nodesOfOneRoleDifferOnlyInTheirOwnIdentity() {
        ClusterSpec spec = spec(Map.of());
        NodeFingerprint broker0 = fingerprint(spec, "kafka-broker-0", "none");
        NodeFingerprint broker1 = fingerprint(spec, "kafka-broker-1", "none");

        assertThat(broker0.configHash()).isNotEqualTo(broker1.configHash());
        assertThat(broker0.startScriptHash()).isEqualTo(broker1.startScriptHash());
        assertThat(broker0.version()).isEqualTo("4.4.0");
        assertThat(broker0.image()).isNull();
        assertThat(broker0.resources()).isNull();
    }

    @Test
    void changingTheControllerCountRestartsNoNode() {
        for (String node : new String[] {"kafka-controller-0", "kafka-controller-2", "kafka-broker-1"}) {
            NodeFingerprint three = fingerprint(new ClusterSpec("kafka", RoleSpec.of(3), RoleSpec.of(3)), node, 3);
            NodeFingerprint five = fingerprint(new ClusterSpec("kafka", RoleSpec.of(5), RoleSpec.of(3)), node, 3);
            assertThat(SpecDiff.restartReason(three, five)).as(node).isEmpty();
        }
    }

    private static NodeFingerprint fingerprint(ClusterSpec spec, String node, int formation) {
        RenderedCluster rendered = ClusterRenderer.render(spec, LocalAddressing.loopback(9092), CLUSTER_ID,
                formation);
        NodePlan plan = rendered.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
        return DesiredFingerprint.of(rendered, plan, "4.4.0", "none");
    }

    private static Optional<RestartReason> restartReason(ClusterSpec before, ClusterSpec after, String node) {
        return SpecDiff.restartReason(fingerprint(before, node, "none"), fingerprint(after, node, "none"));
    }

    private static NodeFingerprint fingerprint(ClusterSpec spec, String node, String token) {
        RenderedCluster rendered = ClusterRenderer.render(spec, LocalAddressing.loopback(9092), CLUSTER_ID);
        NodePlan plan = rendered.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
        return DesiredFingerprint.of(rendered, plan, "4.4.0", token);
    }

    private static ClusterSpec spec(Map<String, String> brokerConfig) {
        return new ClusterSpec("kafka", RoleSpec.of(3), new RoleSpec(3, brokerConfig));
    }

}
