package io.kafkaha.cli;

import picocli.CommandLine.Command;

/** {@code kafka-ha topic}: the seed's kafka-topics.sh, through the brokers (there is no ZooKeeper any more). */
@Command(name = "topic", mixinStandardHelpOptions = true,
        description = "Create, list, describe and delete topics.",
        subcommands = {
            TopicCreateCommand.class,
            TopicListCommand.class,
            TopicDescribeCommand.class,
            TopicDeleteCommand.class
        })
public class TopicCommand {
    // Not runnable itself: picocli then reports a missing subcommand and shows the usage.
}
