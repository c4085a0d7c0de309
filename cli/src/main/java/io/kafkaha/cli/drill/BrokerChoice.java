package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which brokers a fault hits: those leading the most partitions of the drill's topic, so producers feel it. */
final class BrokerChoice {
    private BrokerChoice() {
    }

    /** Why a fault on one broker cannot run on {@code target}: with a single broker nothing can take over. */
    static Optional<String> tooFewToFailOver(DrillTarget target) {
        return target.brokers().size() < 2 ? Optional.of("needs at least 2 brokers to fail over to") : Optional.empty();
    }

    /** The brokers, most partition leaderships of {@code topic} first, then by node id. */
    static List<DrillNode> byLeadership(ClusterHealth health, String topic, List<DrillNode> brokers) {
        return brokers.stream().sorted(Comparator.comparingLong((DrillNode broker) -> -leaderships(health, topic,
                broker)).thenComparingInt(DrillNode::nodeId)).toList();
    }

    static long leaderships(ClusterHealth health, String topic, DrillNode broker) {
        return health.partitionStates().stream()
                .filter(partition -> partition.topic().equals(topic) && partition.leader() == broker.nodeId())
                .count();
    }

    static String describe(ClusterHealth health, String topic, DrillNode broker) {
        long total = health.partitionStates().stream().filter(partition -> partition.topic().equals(topic)).count();
        return broker.name() + " (leads " + leaderships(health, topic, broker) + " of " + total + " partitions)";
    }
}
