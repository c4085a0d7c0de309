package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code local logs NODE}: what the node printed (start script and Kafka), like {@code kubectl logs}. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a node's log.")
public class LocalLogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Parameters(paramLabel = "NODE", description = "Node name, e.g. kafka-broker-0.")
    String node;

    @Option(names = {"--lines", "-n"}, paramLabel = "N", defaultValue = "100",
            description = "Print the last N lines; 0 prints all (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new UserError("--lines " + lines + " is negative; give how many of the last lines to print, or 0"
                    + " for the whole log");
        }
        LocalCluster cluster = selection.open();
        cluster.logTail(cluster.node(node), lines).forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
