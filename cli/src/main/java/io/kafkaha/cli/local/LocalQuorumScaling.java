package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.QuorumChanger;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.plan.QuorumPlanner;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.plan.QuorumView;
import io.kafkaha.core.render.ClusterNaming;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Changes the number of controllers of a local cluster through the dynamic quorum (KIP-853), executing
 * {@link QuorumPlanner}'s steps with processes: start a new controller (it joins as an observer), add it as a
 * voter once caught up; remove the highest voter, then stop its process. The new count is saved first, so the
 * rendered config (the quorum's bootstrap servers) names the new controllers, and a change that was interrupted
 * is finished by running the command again: the planner answers from what runs and what Kafka says.
 *
 * <p>A removed controller's data directory is kept, as Kubernetes keeps a scaled-down pod's volume: scaled up
 * again, it starts from it and catches up.
 */
final class LocalQuorumScaling {
    private static final Duration POLL = Duration.ofMillis(500);

    private final ClusterLayout layout;
    private final KafkaInstallation kafka;
    private final PrintWriter out;

    LocalQuorumScaling(ClusterLayout layout, KafkaInstallation kafka, PrintWriter out) {
        this.layout = layout;
        this.kafka = kafka;
        this.out = out;
    }

    /**
     * Brings the quorum to {@code controllers} voters, one change at a time, within {@code timeout}.
     *
     * @return the cluster's state with the new count (saved)
     */
    LocalClusterState scale(LocalClusterState state, int controllers, Duration timeout) {
        if (controllers < 1) {
            throw new UserError("--controllers " + controllers + ": a cluster needs at least one controller");
        }
        if (controllers > LocalAddressing.PORTS_PER_LISTENER) {
            throw new UserError("the local runtime runs at most "
                    + LocalAddressing.PORTS_PER_LISTENER + " controllers; asked for "
                    + controllers);
        }
        if (controllers % 2 == 0) {
            say("warning: " + controllers + " controllers is an even count: the quorum needs a majority, so they"
                    + " survive no more failures than " + (controllers - 1) + "; allowed while scaling, but keep an"
                    + " odd count (1, 3, 5)");
        }
        int before = state.controllers();
        ControllerFormation.recordIfAbsent(layout, before);
        LocalClusterState scaled = state.withControllers(controllers);
        LocalCluster cluster = new LocalCluster(layout, scaled);
        // A port clash is refused before the new count is saved.
        cluster.nodes(NodeRole.CONTROLLER).stream().filter(node -> !cluster.isRunning(node))
                .forEach(cluster::requirePortsFree);
        scaled.save(layout);
        cluster.writeConfig();
        if (before != controllers) {
            say("Scaling the controllers of cluster '" + state.name() + "' from " + before + " to " + controllers
                    + " through the dynamic quorum.");
        }
        run(cluster, controllers, timeout);
        return scaled;
    }

    private void run(LocalCluster cluster, int controllers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastWait = null;
        try {
            while (true) {
                Optional<ClusterHealth> health = cluster.inspectKafka();
                QuorumStep step = QuorumPlanner.next(cluster.state().name(), controllers, controllerStates(cluster),
                        health.map(QuorumView::of), "no broker answers at " + cluster.bootstrapServers());
                if (step instanceof QuorumStep.Done done) {
                    say("Controllers: " + done.description() + ".");
                    return;
                }
                if (step instanceof QuorumStep.Wait wait) {
                    if (!wait.reason().equals(lastWait)) {
                        say(wait.description());
                        lastWait = wait.reason();
                    }
                    if (System.nanoTime() > deadline) {
                        throw new UserError("the controller change stopped after " + timeout.toSeconds()
                                + "s, still waiting: " + wait.reason() + ". The quorum keeps what it has; check"
                                + " 'kafka-ha status', then run the command again to carry on");
                    }
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                lastWait = null;
                say(step.description());
                act(cluster, step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while changing the controllers; run the command again to carry on");
        }
    }

    private void act(LocalCluster cluster, QuorumStep step) throws InterruptedException {
        if (step instanceof QuorumStep.StartObserver start) {
            cluster.launch(cluster.node(start.name()), kafka);
        } else if (step instanceof QuorumStep.AddVoter add) {
            int ordinal = add.nodeId() - NodeRole.CONTROLLER.nodeIdOffset();
            change(cluster, changer -> changer.addVoter(add.nodeId(), add.directoryId(),
                    cluster.state().addressing().host(NodeRole.CONTROLLER, ordinal),
                    cluster.state().addressing().port(Listener.CONTROLLER, ordinal)), step);
        } else if (step instanceof QuorumStep.RemoveVoter remove) {
            change(cluster, changer -> changer.removeVoter(remove.nodeId(), remove.directoryId()), step);
        } else if (step instanceof QuorumStep.StopController stop) {
            NodeProcess process = new NodeProcess(layout.pidFile(stop.name()));
            if (!process.stop(LocalCluster.STOP_GRACE)) {
                say(stop.name() + " did not stop within " + LocalCluster.STOP_GRACE.toSeconds() + "s and was killed");
            }
            say(stop.name() + " stopped; its data stays in " + layout.dataDir(stop.name()));
        }
    }

    private interface Change {
        void apply(QuorumChanger changer) throws ExecutionException, InterruptedException;
    }

    /** One voter change; a refusal (Kafka allows one at a time) is printed and the planner asked again. */
    private void change(LocalCluster cluster, Change change, QuorumStep step) throws InterruptedException {
        try (Admin admin = Admin.create(ClientSettings.admin(cluster.bootstrapServers()))) {
            change.apply(new QuorumChanger(admin));
        } catch (ExecutionException e) {
            say("Kafka refused to " + step.description().replaceFirst(" \\(.*", "") + ": " + e.getCause().getMessage()
                    + "; asking again");
            Thread.sleep(POLL.toMillis() * 4);
        }
    }

    /**
     * The controllers as the planner needs them: a desired one exists while its process runs (one without a
     * process, new or stopped, is started by the plan) and counts as running once its quorum port accepts; a
     * higher one exists while it has a data directory, and runs while its process does.
     */
    private List<NodeState> controllerStates(LocalCluster cluster) {
        List<NodeState> states = new ArrayList<>();
        for (int ordinal = 0; ordinal < LocalAddressing.PORTS_PER_LISTENER; ordinal++) {
            String name = ClusterNaming.node(cluster.state().name(), NodeRole.CONTROLLER, ordinal);
            boolean alive = new NodeProcess(layout.pidFile(name)).running().isPresent();
            boolean desired = ordinal < cluster.state().controllers();
            if (desired ? !alive : !Files.isDirectory(layout.dataDir(name))) {
                continue;
            }
            boolean running = desired ? cluster.isReady(cluster.node(name)) : alive;
            states.add(new NodeState(name, NodeRole.CONTROLLER, NodeRole.CONTROLLER.nodeId(ordinal), running, null));
        }
        return states;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
