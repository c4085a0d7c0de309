package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the local clusters that run under the kafka-ha home, so client commands work without
 * {@code --bootstrap-server} when exactly one runs; and the one a command selects by {@code --name}/{@code --dir}
 * (clusters with a custom {@code --dir} are found only that way).
 */
public final class RunningClusters {
    private RunningClusters() {
    }

    public static List<LocalCluster> find() {
        Path clusters = LocalHome.clustersDir();
        if (!Files.isDirectory(clusters)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(clusters)) {
            return dirs.filter(dir -> Files.exists(new ClusterLayout(dir).stateFile()))
                    .sorted()
                    .map(LocalCluster::open)
                    .filter(LocalCluster::anyRunning)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The bootstrap servers of the one running local cluster, or an error saying what to pass instead. */
    public static String defaultBootstrap() {
        List<LocalCluster> running = find();
        if (running.isEmpty()) {
            throw new UserError("no --bootstrap-server given and no local cluster is running under "
                    + LocalHome.clustersDir() + "; start one with 'kafka-ha local up', select one started with"
                    + " --dir by the same --dir, or pass --bootstrap-server HOST:PORT");
        }
        if (running.size() > 1) {
            String names = running.stream().map(c -> c.state().name()).collect(Collectors.joining(", "));
            throw new UserError("several local clusters are running (" + names + "); choose one with --name NAME,"
                    + " or pass --bootstrap-server HOST:PORT");
        }
        return running.get(0).bootstrapServers();
    }

    /** The bootstrap servers of the selected local cluster, or an error if it does not exist or is not running. */
    public static String bootstrapOf(ClusterSelection selection) {
        LocalCluster cluster = selection.open();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' in " + cluster.layout().dir() + " is not"
                    + " running; start it with 'kafka-ha local up" + ClusterSelection.flagsFor(cluster) + "'");
        }
        return cluster.bootstrapServers();
    }
}
