package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.MoveProgress;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.MoveGoal;
import io.kafkaha.core.plan.ReassignmentPlan;
import io.kafkaha.core.render.LocalAddressing;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * Changes the number of brokers of a running local cluster, as the operator does on Kubernetes.
 * <ul>
 *   <li><b>Down</b>: the brokers with the highest ordinals go. Their partitions are moved to the brokers that stay
 *       ({@link PartitionMover}, throttled, progress printed); only then are they stopped, unregistered from the
 *       cluster metadata, and their directories deleted (they hold no partition any more, and a broker added back
 *       later under the same name must start empty). Refused, with nothing changed, when the brokers left would be
 *       fewer than a topic's replication factor or its min.insync.replicas + 1.</li>
 *   <li><b>Up</b>: the new brokers are started and awaited until registered and serving; then, unless switched
 *       off, existing partitions are spread evenly over all brokers (replicas and preferred leaders).</li>
 *   <li><b>Same count</b>: with rebalancing on, spreads again: this finishes a move that was cut short.</li>
 * </ul>
 * The saved state records the new count once the brokers run (up) or are gone (down); every move is read back
 * from Kafka, so running the same command again after an interruption resumes.
 */
final class LocalBrokerScaling {
    private final LocalCluster cluster;
    private final KafkaInstallation kafka;
    private final PrintWriter out;
    private final PrintWriter err;

    LocalBrokerScaling(LocalCluster cluster, KafkaInstallation kafka, PrintWriter out, PrintWriter err) {
        this.cluster = cluster;
        this.kafka = kafka;
        this.out = out;
        this.err = err;
    }

    /** Scales to {@code brokers}; returns the cluster as it is afterwards (its state saved). */
    LocalCluster scale(int brokers, boolean rebalance, MoveSettings settings, Duration readyTimeout) {
        int current = cluster.state().brokers();
        if (brokers < 1 || brokers > LocalAddressing.PORTS_PER_LISTENER) {
            throw new UserError("--brokers must be 1.." + LocalAddressing.PORTS_PER_LISTENER + " on the local runtime;"
                    + " got " + brokers);
        }
        List<NodePlan> running = brokerNodes(cluster).stream().filter(cluster::isRunning).toList();
        if (running.size() != current) {
            throw new UserError("cluster '" + cluster.state().name() + "' runs " + running.size() + " of its "
                    + current + " brokers; brokers are scaled only while all of them run ('kafka-ha local up"
                    + ClusterSelection.flagsFor(cluster) + "' starts the others)");
        }
        if (brokers < current) {
            return down(brokers, settings);
        }
        LocalCluster scaled = brokers > current ? up(brokers, readyTimeout) : cluster;
        if (rebalance) {
            spread(scaled, settings);
        } else if (brokers > current) {
            out.println("Existing partitions stay where they are (rebalancing is off); new topics use every broker.");
        }
        return scaled;
    }

    private LocalCluster down(int brokers, MoveSettings settings) {
        List<NodePlan> leaving = brokerNodes(cluster).stream().filter(node -> node.ordinal() >= brokers).toList();
        Set<Integer> ids = leaving.stream().map(NodePlan::nodeId).collect(Collectors.toSet());
        String names = leaving.stream().map(NodePlan::name).collect(Collectors.joining(", "));
        try (Admin admin = Admin.create(ClientSettings.admin(cluster.bootstrapServers()))) {
            PartitionMover mover = new PartitionMover(admin);
            ReassignmentPlan plan = mover.run(new MoveGoal.EmptyBrokers(ids), settings,
                    progress -> report("Moving partitions off " + names, progress));
            if (plan instanceof ReassignmentPlan.Refused refused) {
                throw new UserError("cannot scale cluster '" + cluster.state().name() + "' from "
                        + cluster.state().brokers() + " to " + brokers + " brokers; nothing was changed: "
                        + refused.message());
            }
            // The supervisor must not take the stops below for crashes, and afterwards watches the brokers left.
            LocalSupervisor.stop(cluster);
            for (NodePlan node : leaving) {
                if (!cluster.process(node).stop(LocalCluster.STOP_GRACE)) {
                    err.println(node.name() + " did not stop within " + LocalCluster.STOP_GRACE.toSeconds()
                            + "s and was killed");
                }
                admin.unregisterBroker(node.nodeId()).all().get();
                out.println("Removed " + node.name() + " (broker " + node.nodeId() + "): stopped, unregistered.");
                out.flush();
            }
        } catch (PartitionMover.MoveTimeoutException e) {
            throw new UserError("scaling cluster '" + cluster.state().name() + "' down stopped: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new UserError("scaling cluster '" + cluster.state().name() + "' down stopped: "
                    + e.getCause().getMessage() + "; run the same command again to resume", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while scaling; run the same command again to resume", e);
        }
        LocalCluster scaled = save(brokers);
        leaving.forEach(node -> delete(cluster.layout().nodeDir(node.name())));
        LocalSupervisor.ensureRunning(scaled);
        return scaled;
    }

    private LocalCluster up(int brokers, Duration readyTimeout) {
        LocalCluster scaled = new LocalCluster(cluster.layout(), cluster.state().withBrokers(brokers));
        List<NodePlan> added = brokerNodes(scaled).stream()
                .filter(node -> node.ordinal() >= cluster.state().brokers()).toList();
        added.forEach(scaled::requirePortsFree);
        scaled.state().save(scaled.layout());
        scaled.writeConfig();
        err.println("Starting " + added.stream().map(NodePlan::name).collect(Collectors.joining(", ")) + " ...");
        err.flush();
        added.forEach(node -> scaled.launch(node, kafka));
        new ReadinessWait(scaled, kafka, err).awaitCluster(added, readyTimeout);
        // The supervisor's broker list is read when it starts: a new one watches the new brokers too.
        LocalSupervisor.stop(cluster);
        LocalSupervisor.ensureRunning(scaled);
        out.println("Added " + added.stream().map(node -> node.name() + " (broker " + node.nodeId() + ")")
                .collect(Collectors.joining(", ")) + ".");
        out.flush();
        return scaled;
    }

    private void spread(LocalCluster scaled, MoveSettings settings) {
        try (Admin admin = Admin.create(ClientSettings.admin(scaled.bootstrapServers()))) {
            ReassignmentPlan plan = new PartitionMover(admin).run(new MoveGoal.SpreadEvenly(), settings,
                    progress -> report("Spreading partitions over " + scaled.state().brokers() + " brokers",
                            progress));
            if (plan instanceof ReassignmentPlan.Refused refused) {
                throw new UserError("cannot spread the partitions of cluster '" + scaled.state().name() + "': "
                        + refused.message());
            }
            if (plan instanceof ReassignmentPlan.Moves moves && moves.moves().isEmpty()) {
                out.println("Partitions are spread evenly already; nothing moved.");
            }
        } catch (PartitionMover.MoveTimeoutException e) {
            throw new UserError("spreading partitions stopped: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new UserError("spreading partitions stopped: " + e.getCause().getMessage()
                    + "; run the same command again to resume", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while moving partitions; run the same command again to resume", e);
        }
    }

    private void report(String what, MoveProgress progress) {
        out.println(what + ": " + progress.describe() + ".");
        out.flush();
    }

    private LocalCluster save(int brokers) {
        LocalCluster scaled = new LocalCluster(cluster.layout(), cluster.state().withBrokers(brokers));
        scaled.state().save(scaled.layout());
        scaled.writeConfig();
        return scaled;
    }

    private static List<NodePlan> brokerNodes(LocalCluster cluster) {
        return cluster.nodes().stream().filter(node -> node.role() == NodeRole.BROKER)
                .sorted(Comparator.comparingInt(NodePlan::ordinal)).toList();
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
