package io.kafkaha.cli;

import io.kafkaha.core.spec.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kafka-ha} command: a test client for any Kafka cluster, and the local runtime. */
@Command(name = "kafka-ha", mixinStandardHelpOptions = true, versionProvider = KafkaHaVersion.class,
        description = "Highly available Apache Kafka: run it locally, inspect it, and prove it keeps your data.",
        subcommands = {
            LocalCommand.class,
            TopicCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            StatusCommand.class,
            VerifyCommand.class,
            DrillCommand.class,
            OperatorCommand.class,
            CommandLine.HelpCommand.class
        })
public class KafkaHaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        OperatorCommand.LogSettings.quietByDefault();
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new KafkaHaCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            if (error instanceof UserError || error instanceof InvalidSpecException) {
                cmd.getErr().println("kafka-ha: " + error.getMessage());
                return 1;
            }
            throw error;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
