package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Kafka as operator tests without Kafka processes need it: by default every node of the desired cluster is
 * healthy (the first controller leads, every voter caught up, every broker registered and unfenced, no
 * partitions). {@link #answer} swaps in another view, or none ({@link KafkaView#unreachable}).
 */
final class FakeKafka implements KafkaHealthProbe {
    /** Each cluster's finalized metadata.version (by name): 4.4-IV2 unless a test says otherwise. */
    final Map<String, Integer> metadataLevels = new ConcurrentHashMap<>();
    /** Every fast-fencing call, as "namespace/cluster/brokerId", in order. */
    final List<String> unregistered = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Function<DesiredCluster, KafkaView> answer = cluster -> KafkaView.of(healthy(cluster));

    @Override
    public KafkaView observe(DesiredCluster cluster) {
        return answer.apply(cluster);
    }

    @Override
    public void raiseMetadataVersion(DesiredCluster cluster, short level) {
        metadataLevels.put(cluster.name(), (int) level);
    }

    @Override
    public DeadBrokerFencer.Outcome unregisterDeadBroker(String namespace, String cluster, int brokerId,
                                                         BrokerDeath death) {
        unregistered.add(namespace + "/" + cluster + "/" + brokerId);
        return new DeadBrokerFencer.Outcome(brokerId, DeadBrokerFencer.Result.UNREGISTERED, "fake: unregistered");
    }

    ClusterHealth healthy(DesiredCluster cluster) {
        List<NodePlan> controllers = cluster.rendered().nodes(NodeRole.CONTROLLER);
        return new ClusterHealth("fake", controllers.get(0).nodeId(), 1,
                controllers.stream().map(node -> new ClusterHealth.Voter(node.nodeId(), 0, true)).toList(),
                cluster.rendered().nodes(NodeRole.BROKER).stream()
                        .map(node -> new ClusterHealth.Broker(node.nodeId(), node.name() + ":9092")).toList(),
                List.of(), metadataLevels.getOrDefault(cluster.name(), 33));
    }
}
