package io.kafkaha.cli;

import io.kafkaha.cli.client.KafkaClients;
import io.kafkaha.cli.client.TopicLookup;
import io.kafkaha.cli.client.TopicReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-ha topic describe NAME}. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Shows each partition's leader, replicas and in-sync replicas (ISR), what the topic's"
                + " replication means for acks=all writes, and every config of the topic with where its value"
                + " comes from: set on the topic, or a default.")
public class TopicDescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Parameters(index = "0", paramLabel = "NAME", description = "The topic.")
    String name;

    @Override
    public Integer call() throws Exception {
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        TopicDescription description;
        Config config;
        try (Admin admin = clients.admin()) {
            description = TopicLookup.describe(admin, name, clients.errors());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        } catch (ExecutionException e) {
            throw clients.errors().translate(e, name);
        }
        PrintWriter out = spec.commandLine().getOut();
        TopicReport.render(description, config).forEach(out::println);
        return 0;
    }
}
