package io.kafkaha.core.plan;

import java.util.List;

/**
 * One partition's new replica list. A move whose replica set stays the same only reorders it (another preferred
 * leader) and copies no data.
 */
public record PartitionMove(String topic, int partition, List<Integer> from, List<Integer> to) {
    public PartitionMove {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    public String name() {
        return topic + "-" + partition;
    }

    /** Brokers that get a copy they do not have yet. */
    public List<Integer> adding() {
        return to.stream().filter(id -> !from.contains(id)).toList();
    }

    /** Brokers whose copy is dropped. */
    public List<Integer> removing() {
        return from.stream().filter(id -> !to.contains(id)).toList();
    }

    public boolean copiesData() {
        return !adding().isEmpty();
    }
}
