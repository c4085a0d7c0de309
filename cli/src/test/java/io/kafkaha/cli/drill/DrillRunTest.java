package io.kafkaha.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillRunTest {
    @Test
    void aClusterThatDoesNotRecoverIsNotHarmedAgainNorWaitedForAgain() throws Exception {
        // No broker registered: never fully redundant, so the first fault waits one recover timeout and gives up.
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3, 4, 5));
        DrillSettings settings = new DrillSettings("t", 1000, 1000, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofMillis(300));
        List<String> progress = new ArrayList<>();

        List<FaultResult> results = new DrillRun(target, settings, progress::add)
                .run(List.of(new BrokerKill(), new ControllerKill(), new ClusterKill()), result -> { });

        assertThat(results).extracting(FaultResult::fault)
                .containsExactly("broker-kill", "controller-kill", "cluster-kill");
        assertThat(results).noneMatch(FaultResult::passed);
        assertThat(results.get(0).failures()).singleElement().asString()
                .startsWith("not injected: the cluster is not fully redundant before the fault (0/3 brokers");
        assertThat(results.subList(1, 3)).allSatisfy(result -> assertThat(result.failures()).containsExactly(
                "not injected: skipped: the cluster was not fully redundant before broker-kill"));
        assertThat(target.actions).isEmpty();
        // Only the first fault waited for the cluster; the others were skipped at once.
        assertThat(progress).containsExactly("broker-kill: waiting for the cluster to be fully redundant");
    }
}
