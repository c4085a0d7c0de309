package io.kafkaha.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.NodeRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void selectorsAreRecommendedLabelsPerClusterAndRole() {
        assertThat(Labels.selector("orders", NodeRole.BROKER)).isEqualTo(Map.of(
                "app.kubernetes.io/name", "kafka",
                "app.kubernetes.io/instance", "orders",
                "app.kubernetes.io/component", "broker"));
        assertThat(Labels.selector("orders", NodeRole.CONTROLLER))
                .isNotEqualTo(Labels.selector("orders", NodeRole.BROKER))
                .isNotEqualTo(Labels.selector("payments", NodeRole.CONTROLLER));
        assertThat(Labels.forRole("orders", NodeRole.BROKER))
                .containsAllEntriesOf(Labels.selector("orders", NodeRole.BROKER))
                .containsEntry("app.kubernetes.io/managed-by", "kafka-ha");
    }

    @Test
    void userPodLabelsAreKeptUnlessTheyClashWithKafkaHas() {
        Map<String, String> pod = Labels.forPod("orders", NodeRole.BROKER,
                Map.of("team", "payments", "app.kubernetes.io/component", "controller"));
        assertThat(pod).containsEntry("team", "payments")
                .containsAllEntriesOf(Labels.forRole("orders", NodeRole.BROKER));
        assertThat(Labels.forPod("orders", NodeRole.BROKER, null)).isEqualTo(Labels.forRole("orders", NodeRole.BROKER));
    }
}
