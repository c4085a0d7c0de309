package io.kafkaha.core.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durability settings kafka-ha applies unless the user overrides them. They make an {@code acks=all} write
 * survive the loss of any one broker: three copies, two of which must have it before it is acknowledged, and a
 * replica that missed writes never becomes leader.
 */
public final class SafeDefaults {
    private SafeDefaults() {
    }

    /** Replicas per partition: three, or as many brokers as there are when fewer. */
    public static int replicationFactor(int brokers) {
        return Math.min(3, brokers);
    }

    /**
     * In-sync replicas an {@code acks=all} write needs: one less than the replication factor, at most 2 and at
     * least 1, so a single broker can always be down (restart, crash) without blocking writes.
     */
    public static int minInSyncReplicas(int replicationFactor) {
        return Math.max(1, Math.min(2, replicationFactor - 1));
    }

    /**
     * Defaults that decide how new topics are created. In KRaft the controller creates topics and stamps its own
     * values onto them, so these go to controllers as well as brokers.
     */
    public static Map<String, String> topicDefaults(int brokers) {
        int rf = replicationFactor(brokers);
        int minIsr = minInSyncReplicas(rf);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("default.replication.factor", String.valueOf(rf));
        config.put("min.insync.replicas", String.valueOf(minIsr));
        config.put("unclean.leader.election.enable", "false");
        config.put("offsets.topic.replication.factor", String.valueOf(rf));
        config.put("transaction.state.log.replication.factor", String.valueOf(rf));
        config.put("transaction.state.log.min.isr", String.valueOf(minIsr));
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
        return config;
    }
}
