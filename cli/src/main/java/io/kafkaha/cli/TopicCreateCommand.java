package io.kafkaha.cli;

import io.kafkaha.cli.client.Durability;
import io.kafkaha.cli.client.InternalTopics;
import io.kafkaha.cli.client.KafkaClients;
import io.kafkaha.cli.client.TopicConfigArguments;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kafka-ha topic create NAME}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {
            "Creates topic NAME. Partitions, replication factor and configs not given come from the cluster's"
                + " defaults (kafka-ha clusters: replication factor 3, min.insync.replicas 2).",
            "A --replication-factor below the cluster's min.insync.replicas would make every acks=all write"
                + " fail; unless min.insync.replicas is given with --config, the topic then gets"
                + " min.insync.replicas equal to its replication factor, and a note says so.",
            "Names starting with '__' are refused: they are Kafka's internal topics' (__consumer_offsets, ...)."
        })
public class TopicCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new topic.")
    String name;

    @Option(names = "--partitions", paramLabel = "N", description = "Number of partitions (default: the cluster's"
            + " num.partitions).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", description = "Copies of each partition, on"
            + " different brokers; at most the number of brokers (default: the cluster's"
            + " default.replication.factor).")
    Integer replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config, e.g. retention.ms=86400000"
            + " or min.insync.replicas=2; repeat for more.")
    List<String> configEntries;

    @Override
    public Integer call() throws Exception {
        InternalTopics.refuseCreate(name);
        Map<String, String> configs = new LinkedHashMap<>(TopicConfigArguments.parse(configEntries));
        checkCounts();
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = clients.admin()) {
            // A dry run first: Kafka fills in its defaults, so an unwritable topic is caught before it exists.
            Durability planned = durability(admin.createTopics(List.of(newTopic(configs)),
                    new CreateTopicsOptions().validateOnly(true)));
            if (!planned.writable()) {
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, writableMinIsr(planned, configs));
            }
            CreateTopicsResult created = admin.createTopics(List.of(newTopic(configs)));
            created.all().get();
            Durability durability = durability(created);
            int partitionCount = created.numPartitions(name).get();
            out.println("created topic " + name + ": " + partitionCount
                    + (partitionCount == 1 ? " partition" : " partitions") + ", replication factor "
                    + durability.replicationFactor() + ", min.insync.replicas " + durability.minInSyncReplicas());
            out.println(durability.describe());
        } catch (ExecutionException e) {
            throw clients.errors().translate(e, name);
        }
        return 0;
    }

    /**
     * With fewer replicas than the cluster's min.insync.replicas (the seed's "--replication-factor 1"), no
     * acks=all write could ever succeed; as the user asked for that replication factor, the topic gets the
     * highest min.insync.replicas it can meet. An explicit min.insync.replicas is never overridden.
     */
    private String writableMinIsr(Durability planned, Map<String, String> configs) {
        if (configs.containsKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
            throw new UserError("--config min.insync.replicas=" + planned.minInSyncReplicas() + " is more than the"
                    + " replication factor " + planned.replicationFactor() + ", so acks=all writes to " + name
                    + " would always fail; not created. Give a min.insync.replicas of at most "
                    + planned.replicationFactor() + ", or a larger --replication-factor");
        }
        spec.commandLine().getErr().println("note: min.insync.replicas of " + name + " set to "
                + planned.replicationFactor() + " (the cluster's is " + planned.minInSyncReplicas() + ") so that"
                + " its " + planned.replicationFactor() + " replica(s) can accept acks=all writes; leave"
                + " --replication-factor out for a highly available topic");
        return String.valueOf(planned.replicationFactor());
    }

    private void checkCounts() {
        if (partitions != null && partitions < 1) {
            throw new UserError("--partitions " + partitions + " is too few: give 1 or more, or leave it out for the"
                    + " cluster's default");
        }
        if (replicationFactor != null && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
            throw new UserError("--replication-factor " + replicationFactor + " is impossible: give 1 up to the"
                    + " number of brokers (3 or more for high availability), or leave it out for the cluster's"
                    + " default");
        }
    }

    private NewTopic newTopic(Map<String, String> configs) {
        // Optional.empty() asks the cluster for its defaults.
        return new NewTopic(name, Optional.ofNullable(partitions),
                Optional.ofNullable(replicationFactor).map(Integer::shortValue)).configs(configs);
    }

    private Durability durability(CreateTopicsResult result) throws ExecutionException, InterruptedException {
        String minIsr = result.config(name).get().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
        return new Durability(result.replicationFactor(name).get(), Integer.parseInt(minIsr));
    }
}
