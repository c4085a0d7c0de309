package io.kafkaha.cli;

import io.kafkaha.cli.client.KafkaClients;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-ha topic list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Prints the names of the cluster's topics, one per line, sorted.")
public class TopicListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Option(names = "--internal", description = "Include Kafka's internal topics (__consumer_offsets, ...).")
    boolean internal;

    @Override
    public Integer call() throws Exception {
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        List<String> names;
        try (Admin admin = clients.admin()) {
            names = admin.listTopics(new ListTopicsOptions().listInternal(internal)).names().get()
                    .stream().sorted().toList();
        } catch (ExecutionException e) {
            throw clients.errors().translate(e, null);
        }
        PrintWriter out = spec.commandLine().getOut();
        names.forEach(out::println);
        if (names.isEmpty()) {
            // On stderr, so scripts reading the list still see an empty one.
            spec.commandLine().getErr().println("no topics at " + clients.bootstrapServers()
                    + "; create one with 'kafka-ha topic create NAME'");
        }
        return 0;
    }
}
