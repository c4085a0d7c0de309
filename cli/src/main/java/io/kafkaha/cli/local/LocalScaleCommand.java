package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local scale --controllers M}: changes a running cluster's number of controllers through the dynamic
 * quorum ({@link LocalQuorumScaling} does the work; this class only reads options).
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Change the number of nodes of a running cluster without stopping it. Controllers: a new one"
                + " joins as an observer and becomes a voter once caught up; a leaving one stops being a voter"
                + " before it is stopped, highest first. Each step is printed; run it again to finish a change that"
                + " was interrupted."})
public class LocalScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Option(names = "--controllers", paramLabel = "M", description = "The number of KRaft controllers to have.")
    Integer controllers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long the change may take before it stops (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        JavaVersionCheck.require();
        if (controllers == null) {
            throw new UserError("say what to scale: --controllers M");
        }
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout must be a positive number of seconds; got " + timeoutSeconds);
        }
        LocalCluster cluster = selection.open();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' is not running; start it with 'kafka-ha"
                    + " local up', then scale it");
        }
        KafkaInstallation kafka = cluster.kafka(spec.commandLine().getErr());
        new LocalQuorumScaling(cluster.layout(), kafka, spec.commandLine().getOut())
                .scale(cluster.state(), controllers, Duration.ofSeconds(timeoutSeconds));
        return 0;
    }
}
