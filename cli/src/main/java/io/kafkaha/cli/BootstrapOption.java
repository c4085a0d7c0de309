package io.kafkaha.cli;

import io.kafkaha.cli.local.ClusterSelection;
import io.kafkaha.cli.local.RunningClusters;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a client command connects, shared by every client command: {@code --bootstrap-server}, or a local cluster
 * selected by the same {@code --name}/{@code --dir} as the {@code local} commands take, or else the one running
 * local cluster.
 */
public class BootstrapOption {
    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers to connect to (default: the running local cluster started by 'kafka-ha local up').")
    String bootstrapServer;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Instead of --bootstrap-server: the local cluster NAME ('kafka-ha local up --name NAME').")
    String localName;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Instead of --bootstrap-server: the local cluster in DIR ('kafka-ha local up --dir DIR').")
    Path localDir;

    public String resolve() {
        boolean localSelected = localName != null || localDir != null;
        if (bootstrapServer != null && !bootstrapServer.isBlank()) {
            if (localSelected) {
                throw new UserError("--bootstrap-server and --name/--dir both say where to connect; give"
                        + " --bootstrap-server for any cluster, or --name/--dir for a local one, not both");
            }
            return bootstrapServer.trim();
        }
        if (localSelected) {
            return RunningClusters.bootstrapOf(new ClusterSelection(localName, localDir));
        }
        return RunningClusters.defaultBootstrap();
    }
}
