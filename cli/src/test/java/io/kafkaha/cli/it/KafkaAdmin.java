package io.kafkaha.cli.it;

import io.kafkaha.core.kafka.ClientSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/** Kafka's own answers, for tests to check what the CLI did independently of how the CLI prints it. */
final class KafkaAdmin implements AutoCloseable {
    private final Admin admin;

    KafkaAdmin(String bootstrap) {
        this.admin = Admin.create(ClientSettings.admin(bootstrap));
    }

    TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    String topicConfig(String topic, String key) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(key).value();
    }

    /** A broker's effective value of {@code key}, as it runs now. */
    String brokerConfig(int brokerId, String key) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId));
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key).value();
    }

    /** Sum of the end offsets of the topic's partitions: how many records it holds. */
    /** Brokers registered and unfenced. */
    int servingBrokers() throws ExecutionException, InterruptedException {
        return admin.describeCluster().nodes().get().size();
    }

    /** The cluster's finalized metadata.version, by name (e.g. "4.4-IV2"). */
    String metadataVersion() throws ExecutionException, InterruptedException {
        return io.kafkaha.core.kafka.KafkaReleases.metadataName(admin.describeFeatures().featureMetadata().get()
                .finalizedFeatures().get(io.kafkaha.core.kafka.KafkaReleases.METADATA_VERSION).maxVersionLevel());
    }

    long endOffsets(String topic) throws ExecutionException, InterruptedException {
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        describe(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** The smallest ISR over the topic's partitions. */
    int smallestIsr(String topic) throws ExecutionException, InterruptedException {
        return describe(topic).partitions().stream().mapToInt(p -> p.isr().size()).min().orElse(0);
    }

    /** The largest ISR over the topic's partitions: below min.insync.replicas, no partition takes acks=all writes. */
    int largestIsr(String topic) throws ExecutionException, InterruptedException {
        return describe(topic).partitions().stream().mapToInt(p -> p.isr().size()).max().orElse(0);
    }

    /** Every registered broker, fenced ones included (an unregistered one is absent): id → fenced. */
    Map<Integer, Boolean> registeredBrokers() throws ExecutionException, InterruptedException {
        return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes().get().stream()
                .collect(java.util.stream.Collectors.toMap(Node::id, Node::isFenced));
    }

    @Override
    public void close() {
        admin.close();
    }
}
