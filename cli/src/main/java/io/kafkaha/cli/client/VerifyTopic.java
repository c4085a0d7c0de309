package io.kafkaha.cli.client;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.kafka.ClientSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topic a verification writes to ({@code verify}, {@code drill}): checks the cluster is reachable and creates
 * the topic, replication factor min(3, brokers), if it is missing, then waits until every partition has a leader.
 */
public final class VerifyTopic {
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(15);

    private final String servers;
    private final String topic;
    private final int partitions;

    public VerifyTopic(String servers, String topic, int partitions) {
        this.servers = servers;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** Creates the topic if missing; notes what it did, prefixed with {@code command}. */
    public void prepare(PrintWriter err, String command) throws InterruptedException {
        KafkaClients clients = new KafkaClients(servers);
        try (Admin admin = clients.admin()) {
            int brokers = brokerCount(admin, clients);
            Optional<TopicDescription> existing = describe(admin, clients);
            if (existing.isEmpty()) {
                short replicationFactor = (short) Math.min(3, brokers);
                createTopic(admin, clients, replicationFactor);
                err.printf("%s: created topic '%s' with %d partitions, replication factor %d%n", command, topic,
                        partitions, replicationFactor);
                awaitLeaders(admin, clients);
            } else {
                int replicas = existing.get().partitions().get(0).replicas().size();
                if (replicas < 2) {
                    err.printf("%s: note: topic '%s' has replication factor %d; losing a broker makes it"
                            + " unavailable or loses data%n", command, topic, replicas);
                }
            }
        }
        err.flush();
    }

    private static int brokerCount(Admin admin, KafkaClients clients) throws InterruptedException {
        try {
            return admin.describeCluster().nodes()
                    .get(ClientSettings.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (ExecutionException failed) {
            throw clients.errors().translate(failed, null);
        } catch (TimeoutException slow) {
            throw unreachable(clients, slow);
        }
    }

    private Optional<TopicDescription> describe(Admin admin, KafkaClients clients) throws InterruptedException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ClientSettings.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw clients.errors().translate(failed, topic);
        } catch (TimeoutException slow) {
            throw unreachable(clients, slow);
        }
    }

    private void createTopic(Admin admin, KafkaClients clients, short replicationFactor)
            throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all()
                    .get(ClientSettings.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof TopicExistsException)) { // created concurrently: fine
                throw clients.errors().translate(failed, topic);
            }
        } catch (TimeoutException slow) {
            throw unreachable(clients, slow);
        }
    }

    /** A new topic is usable once every partition has a leader. */
    private void awaitLeaders(Admin admin, KafkaClients clients) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TopicDescription> description = describe(admin, clients);
            if (description.isPresent() && description.get().partitions().size() == partitions
                    && description.get().partitions().stream().allMatch(VerifyTopic::hasLeader)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new UserError("topic '" + topic + "' was created but its partitions got no leader within "
                + TOPIC_READY_TIMEOUT.toSeconds() + "s; check the cluster with 'kafka-ha status'");
    }

    private static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty();
    }

    /** A call that outlived the admin timeout reads like any other unreachable cluster. */
    private static RuntimeException unreachable(KafkaClients clients, Exception cause) {
        return clients.errors().translate(new org.apache.kafka.common.errors.TimeoutException(cause), null);
    }
}
