package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local down}: brokers first, so they can still reach the quorum for a controlled shutdown, then the
 * controllers. Data stays unless {@code --purge}.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the local cluster gracefully. Data is kept for the next 'up' unless --purge.")
public class LocalDownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Option(names = "--purge", description = "Also delete the cluster's directory: its data, logs and config.")
    boolean purge;

    @Override
    public Integer call() {
        LocalCluster cluster = selection.open();
        PrintWriter out = spec.commandLine().getOut();
        // First, so no stop below can look like a crash to it.
        LocalSupervisor.stop(cluster);
        for (NodeRole role : List.of(NodeRole.BROKER, NodeRole.CONTROLLER)) {
            List<NodePlan> running = cluster.nodes().stream()
                    .filter(node -> node.role() == role && cluster.isRunning(node)).toList();
            // In parallel within a role: each node's shutdown is independent once the quorum is up.
            running.parallelStream().forEach(node -> {
                if (!cluster.process(node).stop(LocalCluster.STOP_GRACE)) {
                    out.println(node.name() + " did not stop within " + LocalCluster.STOP_GRACE.toSeconds()
                            + "s and was killed.");
                }
            });
            cluster.nodes().stream().filter(node -> node.role() == role)
                    .forEach(node -> cluster.process(node).forget());
        }
        // Once no node runs in them, the namespaces can go; 'up' creates them again.
        cluster.network().ifPresent(IsolatedNetwork::remove);
        if (purge) {
            deleteTree(cluster.layout().dir());
            out.println("Cluster '" + cluster.state().name() + "' stopped and deleted (" + cluster.layout().dir()
                    + ").");
        } else {
            out.println("Cluster '" + cluster.state().name() + "' stopped; its data is kept in "
                    + cluster.layout().dir() + " ('kafka-ha local up" + ClusterSelection.flagsFor(cluster)
                    + "' resumes it).");
        }
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UserError("could not delete " + dir + " completely: " + e.getMessage()
                    + "; delete what is left by hand", e);
        }
    }
}
