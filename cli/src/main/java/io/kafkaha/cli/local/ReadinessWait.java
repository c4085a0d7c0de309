package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * Waits until Kafka itself says the cluster serves ({@link HealthVerdict#isServing()}): the quorum has a leader,
 * every broker is registered and unfenced, no partition is offline or under min ISR.
 * A node that exits meanwhile is started again, as the kubelet restarts a pod's container, at most
 * {@link #RESTARTS_PER_NODE} times: Kafka 4.4 brokers on a loaded machine occasionally give up registering
 * when the quorum changes leader right after forming, and a restart is the cure. A node that keeps exiting
 * fails the wait with the tail of its log; that is how a bad config or a foreign volume reaches the user.
 */
final class ReadinessWait {
    static final int RESTARTS_PER_NODE = 2;
    private static final Duration POLL = Duration.ofMillis(500);

    /** A condition on Kafka's view of the cluster, which may ask brokers directly. */
    interface ReadyCheck {
        boolean test(ClusterHealth health, ClusterInspector inspector) throws InterruptedException;
    }

    private final LocalCluster cluster;
    private final KafkaInstallation kafka;
    private final PrintWriter notes;
    private final Map<String, Integer> restarts = new HashMap<>();

    ReadinessWait(LocalCluster cluster, KafkaInstallation kafka, PrintWriter notes) {
        this.cluster = cluster;
        this.kafka = kafka;
        this.notes = notes;
    }

    /** Until the whole cluster serves, including every broker just started (not a stale registration of it). */
    ClusterHealth awaitCluster(Collection<NodePlan> started, Duration timeout) {
        List<Integer> brokers = cluster.nodes().stream().filter(node -> node.role() == NodeRole.BROKER)
                .map(NodePlan::nodeId).toList();
        return await(started, timeout, (health, inspector) -> HealthVerdict.judge(health, brokers, List.of())
                .isServing() && startedBrokersAnswer(started, inspector));
    }

    private static boolean startedBrokersAnswer(Collection<NodePlan> started, ClusterInspector inspector)
            throws InterruptedException {
        for (NodePlan node : started) {
            if (node.role() == NodeRole.BROKER && !inspector.brokerAnswers(node.nodeId())) {
                return false;
            }
        }
        return true;
    }

    /** Until {@code ready} holds. */
    ClusterHealth await(Collection<NodePlan> started, Duration timeout, ReadyCheck ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(ClientSettings.probingAdmin(cluster.bootstrapServers()))) {
            ClusterInspector inspector = new ClusterInspector(admin);
            String lastSeen = "no broker answered yet";
            while (true) {
                started.stream().filter(node -> !cluster.isRunning(node)).forEach(this::restartOrFail);
                Optional<ClusterHealth> health = inspect(inspector);
                if (health.isPresent()) {
                    if (isReady(ready, health.get(), inspector)) {
                        return health.get();
                    }
                    lastSeen = describe(health.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new UserError("cluster '" + cluster.state().name() + "' is not ready after "
                            + timeout.toSeconds() + "s (" + lastSeen + "); see 'kafka-ha local status' and"
                            + " 'kafka-ha local logs NODE', or wait longer with --timeout");
                }
                sleep();
            }
        }
    }

    private void restartOrFail(NodePlan node) {
        int done = restarts.merge(node.name(), 1, Integer::sum) - 1;
        List<String> tail = cluster.logTail(node, 25);
        if (done >= RESTARTS_PER_NODE) {
            throw new UserError(node.name() + " exited while starting" + (done > 0 ? ", " + (done + 1) + " times"
                    : "") + ". Last lines of " + cluster.layout().logFile(node.name()) + ":\n  "
                    + String.join("\n  ", tail)
                    + "\nFix the cause and run the command again; 'kafka-ha local down' stops the nodes that did"
                    + " start.");
        }
        String reason = tail.stream().filter(line -> line.contains("ERROR")).reduce((a, b) -> b)
                .orElse(tail.isEmpty() ? "no output" : tail.get(tail.size() - 1));
        notes.println(node.name() + " exited while starting (" + reason.strip() + "); starting it again,"
                + " as Kubernetes would");
        notes.flush();
        cluster.launch(node, kafka);
    }

    private static Optional<ClusterHealth> inspect(ClusterInspector inspector) {
        try {
            return Optional.of(inspector.inspect());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for the cluster");
        } catch (Exception e) {
            return Optional.empty(); // not serving yet
        }
    }

    private static boolean isReady(ReadyCheck ready, ClusterHealth health, ClusterInspector inspector) {
        try {
            return ready.test(health, inspector);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for the cluster");
        }
    }

    private String describe(ClusterHealth health) {
        List<Integer> brokers = cluster.nodes().stream().filter(node -> node.role() == NodeRole.BROKER)
                .map(NodePlan::nodeId).toList();
        return HealthVerdict.judge(health, brokers, List.of()).summary();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for the cluster");
        }
    }
}
