package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.plan.RollPlanner;
import io.kafkaha.core.plan.RollStep;
import io.kafkaha.core.render.NodePlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes {@link RollPlanner}'s steps with processes: observe, ask the planner, restart the one node it names
 * (graceful stop, then start with the cluster's current config) or wait and say why, until it says done. The
 * planner is asked again after every step, so this class keeps no plan of its own; the only memory is which
 * nodes it restarted, to stop at once if one of them dies on its new config. Both {@code local up -f} and
 * {@code local roll} roll through here.
 */
final class LocalRoll {
    private static final Duration POLL = Duration.ofMillis(500);

    private final LocalCluster cluster;
    private final KafkaInstallation kafka;
    private final PrintWriter out;

    LocalRoll(LocalCluster cluster, KafkaInstallation kafka, PrintWriter out) {
        this.cluster = cluster;
        this.kafka = kafka;
        this.out = out;
    }

    /**
     * Rolls until every node runs the current spec; never longer than {@code timeout}, and never pushing on:
     * when time is up it stops and says what it was waiting for.
     *
     * @param timeoutOption the option that sets {@code timeout}, named in the message when it runs out
     * @return the nodes restarted, in order
     */
    List<String> run(Duration timeout, String timeoutOption) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Set<String> restarted = new LinkedHashSet<>();
        String lastWait = null;
        try (RollObserver observer = new RollObserver(cluster)) {
            while (true) {
                failIfRestartedNodeExited(restarted);
                RollObserver.Observation seen = observer.observe();
                RollStep step = RollPlanner.next(seen.nodes(), seen.kafka(), seen.kafkaError());
                if (step instanceof RollStep.Done) {
                    say(restarted.isEmpty() ? "Roll: nothing to restart, every node runs the current spec."
                            : "Roll done in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s: "
                            + restarted.size() + " node(s) restarted, every node runs the current spec.");
                    return List.copyOf(restarted);
                }
                if (step instanceof RollStep.Restart restart) {
                    int total = restarted.size() + (int) seen.pending();
                    say(restart.description().replaceFirst("^restart ", "restarting ") + ", " + restarted.size()
                            + " of " + total + " done");
                    restart(cluster.node(restart.node().name()));
                    restarted.add(restart.node().name());
                    lastWait = null;
                } else if (step instanceof RollStep.Wait wait) {
                    if (!wait.reason().equals(lastWait)) {
                        say(wait.description());
                        lastWait = wait.reason();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new UserError("the roll stopped after " + timeout.toSeconds() + "s with "
                                + restarted.size() + " of " + (restarted.size() + seen.pending())
                                + " node(s) restarted, still waiting: " + wait.reason() + ". Nothing more is"
                                + " restarted; the cluster keeps running as it is. Check 'kafka-ha status' and"
                                + " 'kafka-ha local status', then run the command again to carry on (or give it"
                                + " longer with " + timeoutOption + ")");
                    }
                    sleep();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted during the roll; run the command again to carry on");
        }
    }

    /** Graceful stop (a broker hands its leadership over first), then a start with the current config. */
    private void restart(NodePlan node) {
        if (!cluster.process(node).stop(LocalCluster.STOP_GRACE)) {
            say(node.name() + " did not stop within " + LocalCluster.STOP_GRACE.toSeconds() + "s and was killed");
        }
        cluster.launch(node, kafka);
    }

    /** A node that dies on its new config must stop the roll before it takes another node down. */
    private void failIfRestartedNodeExited(Set<String> restarted) {
        for (String name : restarted) {
            NodePlan node = cluster.node(name);
            if (cluster.process(node).exitedUnexpectedly()) {
                throw new UserError(name + " exited after its restart, so the roll stops here and restarts nothing"
                        + " more. Last lines of " + cluster.layout().logFile(name) + ":\n  "
                        + String.join("\n  ", cluster.logTail(node, 25))
                        + "\nFix the cause (often the config just changed), then run the command again");
            }
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static void sleep() throws InterruptedException {
        Thread.sleep(POLL.toMillis());
    }
}
