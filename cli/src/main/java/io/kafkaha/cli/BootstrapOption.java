package io.kafkaha.cli;

import io.kafkaha.cli.local.RunningClusters;
import picocli.CommandLine.Option;

/** {@code --bootstrap-server}, shared by every client command; defaults to the running local cluster. */
public class BootstrapOption {
    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers to connect to (default: the running local cluster started by 'kafka-ha local up').")
    String bootstrapServer;

    public String resolve() {
        if (bootstrapServer != null && !bootstrapServer.isBlank()) {
            return bootstrapServer.trim();
        }
        return RunningClusters.defaultBootstrap();
    }
}
