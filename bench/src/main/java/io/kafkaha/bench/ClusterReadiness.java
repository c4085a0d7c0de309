package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.kafka.HealthVerdict;
import java.util.List;
import java.util.stream.IntStream;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The baseline's "healthy": the very criterion, client settings and poll interval of kafka-ha's own readiness
 * wait ({@code cli/…/local/ReadinessWait}), so both sides of the cold-start comparison stop the clock on the same
 * event: {@link HealthVerdict#isServing()} for brokers 0..n-1 and every broker answers a request addressed to it.
 */
final class ClusterReadiness {
    private static final Duration POLL = Duration.ofMillis(500);

    private ClusterReadiness() {
    }

    /** A check run before every poll; throws when a node died, so a failed start is reported at once. */
    interface NodesAlive {
        void check();
    }

    static ClusterHealth await(String bootstrapServers, int brokers, Duration timeout, NodesAlive nodesAlive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = ClientSettings.probingAdmin(bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-ha-bench-readiness");
        String lastSeen = "no broker answered yet";
        List<Integer> brokerIds = IntStream.range(0, brokers).boxed().toList();
        try (Admin admin = Admin.create(config)) {
            ClusterInspector inspector = new ClusterInspector(admin);
            while (true) {
                nodesAlive.check();
                try {
                    ClusterHealth health = inspector.inspect();
                    HealthVerdict verdict = HealthVerdict.judge(health, brokerIds, List.of());
                    if (verdict.isServing() && allAnswer(inspector, health)) {
                        return health;
                    }
                    lastSeen = verdict.summary();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    // not serving yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy after " + timeout.toSeconds() + "s (" + lastSeen
                            + ")");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static boolean allAnswer(ClusterInspector inspector, ClusterHealth health) throws InterruptedException {
        for (ClusterHealth.Broker broker : health.brokers()) {
            if (!inspector.brokerAnswers(broker.nodeId())) {
                return false;
            }
        }
        return true;
    }
}
