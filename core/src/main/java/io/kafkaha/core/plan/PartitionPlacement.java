package io.kafkaha.core.plan;

import java.util.List;

/**
 * Where one partition's replicas are: the input of {@link PartitionMovePlanner}. The first replica is the
 * preferred leader (what a preferred leader election makes leader).
 *
 * @param replicas the replica broker ids, preferred leader first; for a partition being moved, the move's target
 * @param minIsr   its topic's effective {@code min.insync.replicas}
 */
public record PartitionPlacement(String topic, int partition, List<Integer> replicas, int minIsr) {
    public PartitionPlacement {
        replicas = List.copyOf(replicas);
    }

    public String name() {
        return topic + "-" + partition;
    }
}
