package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Each cluster's voters: at first every controller rendered, then as {@link #changeQuorum} leaves them. */
    final Map<String, Set<Integer>> voters = new ConcurrentHashMap<>();
    /** Every voter change, as "add 1003" / "remove 1004", in order. */
    final List<String> quorumChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
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

    /** How many voter changes to refuse before accepting them, as Kafka does while another change settles. */
    final java.util.concurrent.atomic.AtomicInteger quorumRefusals = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void changeQuorum(DesiredCluster cluster, QuorumStep step) {
        if (quorumRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("fake: the previous voter change is not committed yet");
        }
        Set<Integer> ids = voters(cluster);
        if (step instanceof QuorumStep.AddVoter add) {
            ids.add(add.nodeId());
            quorumChanges.add("add " + add.nodeId());
        } else if (step instanceof QuorumStep.RemoveVoter remove) {
            ids.remove(remove.nodeId());
            quorumChanges.add("remove " + remove.nodeId());
        }
    }

    /**
     * Every node healthy: the lowest voter leads, every voter and observer caught up. Controllers rendered (the
     * pods of this turn) that are no voters are observers.
     */
    ClusterHealth healthy(DesiredCluster cluster) {
        List<NodePlan> controllers = cluster.rendered().nodes(NodeRole.CONTROLLER);
        Set<Integer> ids = voters(cluster);
        return new ClusterHealth("fake", ids.stream().min(Integer::compare).orElse(-1), 1,
                ids.stream().sorted().map(id -> new ClusterHealth.Voter(id, 0, true, "dir-" + id)).toList(),
                cluster.rendered().nodes(NodeRole.BROKER).stream()
                        .map(node -> new ClusterHealth.Broker(node.nodeId(), node.name() + ":9092")).toList(),
                List.of(), metadataLevels.getOrDefault(cluster.name(), 33),
                controllers.stream().filter(node -> !ids.contains(node.nodeId()))
                        .map(node -> new ClusterHealth.Observer(node.nodeId(), "dir-" + node.nodeId(), 0, true))
                        .toList());
    }

    private Set<Integer> voters(DesiredCluster cluster) {
        return voters.computeIfAbsent(cluster.name(), name -> new java.util.concurrent.ConcurrentSkipListSet<>(
                cluster.rendered().nodes(NodeRole.CONTROLLER).stream().map(NodePlan::nodeId).toList()));
    }
}
