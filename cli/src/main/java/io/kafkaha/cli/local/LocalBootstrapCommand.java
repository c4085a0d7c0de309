package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code local bootstrap}: only the bootstrap string, for scripts ({@code -b $(kafka-ha local bootstrap)}). */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Print the running local cluster's bootstrap servers, and nothing else.")
public class LocalBootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSelection selection;

    @Override
    public Integer call() {
        LocalCluster cluster = selection.open();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' is not running; start it with"
                    + " 'kafka-ha local up" + (selection.nameGiven() ? " --name " + selection.name() : "") + "'");
        }
        spec.commandLine().getOut().println(cluster.bootstrapServers());
        return 0;
    }
}
