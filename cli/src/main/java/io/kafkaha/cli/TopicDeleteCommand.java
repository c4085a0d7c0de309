package io.kafkaha.cli;

import io.kafkaha.cli.client.InternalTopics;
import io.kafkaha.cli.client.KafkaClients;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-ha topic delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes topic NAME and all its records. There is no undo.",
            "Kafka's internal topics (names starting with '__', such as __consumer_offsets) are refused."})
public class TopicDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Parameters(index = "0", paramLabel = "NAME", description = "The topic.")
    String name;

    @Override
    public Integer call() throws Exception {
        InternalTopics.refuseDelete(name);
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        try (Admin admin = clients.admin()) {
            admin.deleteTopics(List.of(name)).all().get();
        } catch (ExecutionException e) {
            throw clients.errors().translate(e, name);
        }
        spec.commandLine().getOut().println("deleted topic " + name);
        return 0;
    }
}
