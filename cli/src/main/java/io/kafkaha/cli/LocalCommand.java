package io.kafkaha.cli;

import io.kafkaha.cli.local.LocalBootstrapCommand;
import io.kafkaha.cli.local.LocalDownCommand;
import io.kafkaha.cli.local.LocalLogsCommand;
import io.kafkaha.cli.local.LocalNodeCommands;
import io.kafkaha.cli.local.LocalRollCommand;
import io.kafkaha.cli.local.LocalScaleCommand;
import io.kafkaha.cli.local.LocalStatusCommand;
import io.kafkaha.cli.local.LocalSuperviseCommand;
import io.kafkaha.cli.local.LocalUpCommand;
import picocli.CommandLine.Command;

/** {@code kafka-ha local}: the cluster's pods as processes on this machine. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {
            "Run a highly available Kafka cluster on this machine: the same start script and configuration as the"
                    + " Kubernetes pods, as local processes. Node names are the pod names (kafka-broker-0,"
                    + " kafka-controller-2, ...); data directories stand in for the pods' persistent volumes."},
        subcommands = {
            LocalUpCommand.class,
            LocalStatusCommand.class,
            LocalBootstrapCommand.class,
            LocalLogsCommand.class,
            LocalNodeCommands.Kill.class,
            LocalNodeCommands.Stop.class,
            LocalNodeCommands.Start.class,
            LocalRollCommand.class,
            LocalScaleCommand.class,
            LocalDownCommand.class,
            LocalSuperviseCommand.class
        })
public class LocalCommand {
}
