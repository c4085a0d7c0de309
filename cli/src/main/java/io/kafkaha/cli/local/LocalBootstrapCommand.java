package io.kafkaha.cli.local;

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
    ExistingClusterSelection selection;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(RunningClusters.bootstrapOf(selection));
        return 0;
    }
}
