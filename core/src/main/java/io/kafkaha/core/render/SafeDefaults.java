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

    /** How long the controller waits for a broker's heartbeat before it fences the broker (Kafka: 9000). */
    public static final int BROKER_SESSION_TIMEOUT_MS = 6000;
    /** How often a broker heartbeats to the controller (Kafka: 2000): six chances per session timeout. */
    public static final int BROKER_HEARTBEAT_INTERVAL_MS = 1000;
    /** How long a voter waits for the quorum leader before it starts an election (Kafka's own default). */
    public static final int QUORUM_FETCH_TIMEOUT_MS = 2000;
    /** How long an election may take before a candidate starts another one (Kafka's own default). */
    public static final int QUORUM_ELECTION_TIMEOUT_MS = 1000;

    /**
     * How fast Kafka notices a broker or controller that stopped answering without exiting (a pause, a frozen VM,
     * a network partition); an exited process is fenced at once by kafka-ha (DeadBrokerFencer). A paused broker
     * stalls acks=all producers for about the session timeout: 6 s instead of Kafka's 9 s. The heartbeat goes out
     * every second, so six must be missed in a row before a live broker is fenced; the soak benchmark
     * (bench/README.md) saw no false fencing at these values on a 2-core machine under CPU pressure. The quorum's
     * timeouts stay at Kafka's values, written out so the operator sees them: a controller failover already
     * costs producers well under a second, and shorter ones would risk needless elections under load. Both roles
     * get all four: the controllers enforce the session timeout, the brokers send the heartbeats and follow the
     * quorum.
     */
    public static Map<String, String> failureDetection() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("broker.session.timeout.ms", String.valueOf(BROKER_SESSION_TIMEOUT_MS));
        config.put("broker.heartbeat.interval.ms", String.valueOf(BROKER_HEARTBEAT_INTERVAL_MS));
        config.put("controller.quorum.fetch.timeout.ms", String.valueOf(QUORUM_FETCH_TIMEOUT_MS));
        config.put("controller.quorum.election.timeout.ms", String.valueOf(QUORUM_ELECTION_TIMEOUT_MS));
        return config;
    }
}
