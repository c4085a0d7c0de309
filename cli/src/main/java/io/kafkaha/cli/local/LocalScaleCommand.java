package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.MoveSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code local scale --brokers N}: options only; {@link LocalBrokerScaling} does the work. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Change the number of brokers of a running cluster without downtime. Down: the highest"
                + " ordinals are emptied first (throttled partition moves, progress printed), then stopped,"
                + " unregistered and deleted; refused, changing nothing, if the brokers left would be fewer than"
                + " a topic's replication factor or min.insync.replicas + 1. Up: new brokers start, then existing"
                + " partitions are spread onto them. Interrupted? Run the same command again: it resumes."})
public class LocalScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSelection selection;

    @Option(names = "--brokers", paramLabel = "N", required = true, description = "Brokers the cluster should have.")
    int brokers;

    @Option(names = "--no-rebalance", negatable = false,
            description = "On scale-up, leave existing partitions where they are (default: spread them onto the"
                    + " new brokers).")
    boolean noRebalance;

    @Option(names = "--throttle", paramLabel = "RATE", converter = ByteRate.class, defaultValue = "50M",
            description = "Replication throttle per broker while partitions move, bytes/s or with K/M/G"
                    + " (binary) suffix (default: ${DEFAULT-VALUE} = 50 MiB/s). Removed when the move ends.")
    long throttle;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long starting brokers and moving partitions may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        JavaVersionCheck.require();
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout must be a positive number of seconds; got " + timeoutSeconds);
        }
        LocalCluster cluster = selection.open();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        LocalCluster scaled = new LocalBrokerScaling(cluster, cluster.kafka(spec.commandLine().getErr()),
                spec.commandLine().getOut(), spec.commandLine().getErr())
                .scale(brokers, !noRebalance, MoveSettings.defaults().withThrottle(throttle).withTimeout(timeout),
                        timeout);
        if (scaled.nodes().stream().anyMatch(node -> scaled.pendingRestart(node).isPresent())) {
            // Topic defaults follow the broker count below 3 (replication factor, min ISR).
            spec.commandLine().getOut().println("The config of the running nodes changed with the broker count;"
                    + " 'kafka-ha local roll" + ClusterSelection.flagsFor(scaled) + "' applies it.");
        }
        return 0;
    }
}
