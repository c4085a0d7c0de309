package io.kafkaha.bench;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts, from successive views of the cluster, what a healthy cluster whose processes all run must never show:
 * a broker fenced or unregistered (a false fencing, since nothing was paused or killed), an ISR that shrank, and a
 * new quorum leader. Each is counted once per change, not once per view that still shows it. Pure: the soak feeds
 * it {@link ClusterHealth} views it polled.
 */
final class FencingWatch {
    private final Set<Integer> brokers;
    private Set<Integer> lastAbsent = Set.of();
    private final Map<String, Integer> lastIsrSize = new HashMap<>();
    private int lastQuorumEpoch = -1;
    private long falseFencings;
    private long isrShrinks;
    private long leaderChanges;
    private long views;
    private final List<String> events = new ArrayList<>();
    /** The report lists the first events only; the counts are complete. */
    private static final int EVENT_LIMIT = 50;

    /** @param brokers the ids of the brokers that must stay registered and unfenced */
    FencingWatch(Set<Integer> brokers) {
        this.brokers = Set.copyOf(brokers);
    }

    /** One view, taken {@code at} after the soak began. */
    void observe(ClusterHealth health, Duration at) {
        views++;
        Set<Integer> absent = new TreeSet<>(brokers);
        health.brokers().stream().filter(broker -> !broker.fenced()).forEach(broker -> absent.remove(broker.nodeId()));
        for (int id : absent) {
            if (!lastAbsent.contains(id)) {
                falseFencings++;
                event(at, "broker " + id + " fenced or unregistered while its process ran");
            }
        }
        lastAbsent = Set.copyOf(absent);
        for (ClusterHealth.PartitionState partition : health.partitionStates()) {
            Integer before = lastIsrSize.put(partition.name(), partition.isr().size());
            if (before != null && partition.isr().size() < before) {
                isrShrinks++;
                event(at, "ISR of " + partition.name() + " shrank to " + partition.isr());
            }
        }
        if (lastQuorumEpoch >= 0 && health.quorumLeaderEpoch() != lastQuorumEpoch) {
            leaderChanges++;
            event(at, "quorum leader " + health.quorumLeaderId() + " at epoch " + health.quorumLeaderEpoch());
        }
        lastQuorumEpoch = health.quorumLeaderEpoch();
    }

    long falseFencings() {
        return falseFencings;
    }

    long isrShrinks() {
        return isrShrinks;
    }

    long quorumLeaderChanges() {
        return leaderChanges;
    }

    long views() {
        return views;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    private void event(Duration at, String what) {
        if (events.size() < EVENT_LIMIT) {
            events.add("at " + at.toSeconds() + " s: " + what);
        }
    }
}
