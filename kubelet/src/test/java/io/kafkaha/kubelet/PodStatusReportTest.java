package io.kafkaha.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodStatusReportTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final Termination CRASH = new Termination(137, Termination.Cause.EXITED, T0, T1);

    @Test
    void aReadyRunningContainer() {
        PodStatus status = PodStatusReport.of(new ContainerFacts("kafka", "apache/kafka:4.4.0", true, true, 0, T0,
                null), "127.0.61.10", null, T1);

        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(status.getPodIP()).isEqualTo("127.0.61.10");
        assertThat(PodStatusReport.isReady(status)).isTrue();
        assertThat(status.getContainerStatuses()).singleElement().satisfies(container -> {
            assertThat(container.getState().getRunning().getStartedAt()).isEqualTo(T0.toString());
            assertThat(container.getReady()).isTrue();
            assertThat(container.getRestartCount()).isZero();
        });
    }

    @Test
    void anExitedContainerIsTerminatedWithItsExitCodeThenLastStateOnceRestarted() {
        PodStatus exited = PodStatusReport.of(new ContainerFacts("kafka", "img", false, false, 0, T0, CRASH),
                "127.0.61.10", null, T1);
        assertThat(PodStatusReport.isReady(exited)).isFalse();
        assertThat(exited.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(exited.getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Error");

        PodStatus restarted = PodStatusReport.of(new ContainerFacts("kafka", "img", true, false, 1, T1, CRASH),
                "127.0.61.10", exited, T1);
        assertThat(restarted.getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        assertThat(restarted.getContainerStatuses().get(0).getState().getRunning()).isNotNull();
        assertThat(restarted.getContainerStatuses().get(0).getLastState().getTerminated().getExitCode())
                .isEqualTo(137);
    }

    @Test
    void theReadyConditionKeepsItsTransitionTimeWhileItHolds() {
        ContainerFacts ready = new ContainerFacts("kafka", "img", true, true, 0, T0, null);
        PodStatus first = PodStatusReport.of(ready, "127.0.61.10", null, T0);
        PodStatus later = PodStatusReport.of(ready, "127.0.61.10", first, T1);

        assertThat(later).isEqualTo(first);
        assertThat(PodStatusReport.of(new ContainerFacts("kafka", "img", true, false, 0, T0, null), "127.0.61.10",
                first, T1).getConditions().get(0).getLastTransitionTime()).isEqualTo(T1.toString());
    }

    /** What the API server hands back equals what was written, so an unchanged pod is not written again. */
    @Test
    void aStatusReadBackFromJsonEqualsTheReport() {
        KubernetesSerialization json = new KubernetesSerialization();
        for (ContainerFacts facts : new ContainerFacts[] {
                new ContainerFacts("kafka", "img", true, true, 0, T0, null),
                new ContainerFacts("kafka", "img", true, false, 2, T1, CRASH),
                new ContainerFacts("kafka", "img", false, false, 2, T1, CRASH)}) {
            PodStatus status = PodStatusReport.of(facts, "127.0.61.10", null, T1);
            assertThat(json.unmarshal(json.asJson(status), PodStatus.class)).isEqualTo(status);
        }
    }
}
