package io.kafkaha.kubelet;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pod's status as the kubelet reports it, from what it sees of the pod's one container: phase, pod IP, the
 * {@code Ready} and {@code ContainersReady} conditions (transition times kept while their status holds), and the
 * container's state ({@code running}, or {@code terminated} with its exit code until it is restarted), restart
 * count and {@code lastState}.
 */
final class PodStatusReport {
    static final String READY = "Ready";
    private static final String CONTAINERS_READY = "ContainersReady";

    private PodStatusReport() {
    }

    static PodStatus of(ContainerFacts container, String address, PodStatus previous, Instant now) {
        String ready = container.ready() ? "True" : "False";
        return new PodStatusBuilder()
                .withPhase(container.running() || container.lastTermination() != null ? "Running" : "Pending")
                .withHostIP("127.0.0.1")
                .withPodIP(address)
                .withConditions(condition(READY, ready, previous, now), condition(CONTAINERS_READY, ready, previous, now))
                .withContainerStatuses(containerStatus(container))
                .withStartTime(previous == null || previous.getStartTime() == null ? now.toString()
                        : previous.getStartTime())
                .build();
    }

    static boolean isReady(PodStatus status) {
        return status != null && status.getConditions().stream()
                .anyMatch(c -> READY.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static ContainerStatus containerStatus(ContainerFacts container) {
        ContainerState state;
        if (container.running()) {
            state = new ContainerStateBuilder().withNewRunning().withStartedAt(text(container.startedAt()))
                    .endRunning().build();
        } else if (container.lastTermination() != null) {
            state = terminated(container.lastTermination());
        } else {
            state = new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting().build();
        }
        // lastState: the run before the current one, as Kubernetes shows it after a restart.
        ContainerState last = container.running() && container.lastTermination() != null
                ? terminated(container.lastTermination()) : new ContainerState();
        return new ContainerStatusBuilder()
                .withName(container.name())
                .withImage(container.image())
                .withReady(container.ready())
                .withStarted(container.running())
                .withRestartCount(container.restartCount())
                .withState(state)
                .withLastState(last)
                .build();
    }

    private static ContainerState terminated(Termination termination) {
        return new ContainerStateBuilder().withNewTerminated()
                .withExitCode(termination.exitCode())
                .withReason(termination.reason())
                .withStartedAt(text(termination.startedAt()))
                .withFinishedAt(text(termination.finishedAt()))
                .endTerminated().build();
    }

    private static PodCondition condition(String type, String status, PodStatus previous, Instant now) {
        String since = Optional.ofNullable(previous).map(PodStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).findFirst().orElse(now.toString());
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(since).build();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
