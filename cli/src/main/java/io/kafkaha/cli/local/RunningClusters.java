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
 * {@code --bootstrap-server} when exactly one runs. Clusters started with a custom {@code --dir} are not
 * searched for; pass their address explicitly.
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
            throw new UserError("no --bootstrap-server given and no local cluster is running; start one with"
                    + " 'kafka-ha local up', or pass --bootstrap-server HOST:PORT");
        }
        if (running.size() > 1) {
            String names = running.stream().map(c -> c.state().name()).collect(Collectors.joining(", "));
            throw new UserError("several local clusters are running (" + names + "); choose one with"
                    + " --bootstrap-server \"$(kafka-ha local bootstrap --name NAME)\"");
        }
        return running.get(0).bootstrapServers();
    }
}
