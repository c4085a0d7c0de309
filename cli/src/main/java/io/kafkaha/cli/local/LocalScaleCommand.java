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

/**
 * {@code local scale --controllers M --brokers N}: options only. {@link LocalQuorumScaling} changes the quorum,
 * {@link LocalBrokerScaling} the brokers; controllers go first, as with {@code local up -f}.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Change the number of controllers and/or brokers of a running cluster without stopping it.",
                "Controllers: a new one joins as an observer and becomes a voter once caught up; a leaving one stops"
                        + " being a voter before it is stopped, highest first.",
                "Brokers down: the highest ordinals are emptied first (throttled partition moves, progress printed),"
                        + " then stopped, unregistered and deleted; refused, changing nothing, if the brokers left"
                        + " would be fewer than a topic's replication factor or min.insync.replicas + 1. Brokers up:"
                        + " new brokers start, then existing partitions are spread onto them.",
                "Each step is printed; interrupted? Run the same command again: it resumes."})
public class LocalScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Option(names = "--controllers", paramLabel = "M", description = "The number of KRaft controllers to have.")
    Integer controllers;

    @Option(names = "--brokers", paramLabel = "N", description = "The number of brokers to have.")
    Integer brokers;

    @Option(names = "--no-rebalance", negatable = false,
            description = "On broker scale-up, leave existing partitions where they are (default: spread them onto"
                    + " the new brokers).")
    boolean noRebalance;

    @Option(names = "--throttle", paramLabel = "RATE", converter = ByteRate.class, defaultValue = "50M",
            description = "Replication throttle per broker while partitions move, bytes/s or with K/M/G"
                    + " (binary) suffix (default: ${DEFAULT-VALUE} = 50 MiB/s). Removed when the move ends.")
    long throttle;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long each change (the quorum's, the brokers') may take before it stops"
                    + " (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        JavaVersionCheck.require();
        if (controllers == null && brokers == null) {
            throw new UserError("say what to scale: --controllers M and/or --brokers N");
        }
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout must be a positive number of seconds; got " + timeoutSeconds);
        }
        LocalCluster cluster = selection.open();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' is not running; start it with 'kafka-ha"
                    + " local up" + ClusterSelection.flagsFor(cluster) + "', then scale it");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        KafkaInstallation kafka = cluster.kafka(spec.commandLine().getErr());
        if (controllers != null) {
            LocalClusterState state = new LocalQuorumScaling(cluster.layout(), kafka, spec.commandLine().getOut())
                    .scale(cluster.state(), controllers, timeout);
            cluster = new LocalCluster(cluster.layout(), state);
        }
        if (brokers != null) {
            LocalCluster scaled = new LocalBrokerScaling(cluster, kafka, spec.commandLine().getOut(),
                    spec.commandLine().getErr())
                    .scale(brokers, !noRebalance, MoveSettings.defaults().withThrottle(throttle).withTimeout(timeout),
                            timeout);
            if (scaled.nodes().stream().anyMatch(node -> scaled.pendingRestart(node).isPresent())) {
                // Topic defaults follow the broker count below 3 (replication factor, min ISR).
                spec.commandLine().getOut().println("The config of the running nodes changed with the broker count;"
                        + " 'kafka-ha local roll" + ClusterSelection.flagsFor(scaled) + "' applies it.");
            }
        }
        return 0;
    }
}
