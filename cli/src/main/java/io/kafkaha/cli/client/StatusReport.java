package io.kafkaha.cli.client;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.HealthVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kafka-ha status}: the cluster as Kafka sees it, and {@link HealthVerdict}'s verdict. A cluster is
 * unhealthy when it cannot serve acks=all clients: no quorum leader (no metadata changes, no leader elections),
 * a fenced broker, offline partitions, or partitions under min ISR. Under-replicated partitions still serve;
 * they are a warning.
 */
public final class StatusReport {
    /** Partitions named per list; the rest are counted, so a broken big cluster stays readable. */
    static final int NAMED_PARTITIONS = 10;

    private StatusReport() {
    }

    public static List<String> render(ClusterHealth health) {
        List<String> lines = new ArrayList<>();
        lines.add("cluster id: " + health.clusterId());
        lines.add(health.hasQuorumLeader()
                ? "controller quorum: leader " + health.quorumLeaderId() + ", epoch " + health.quorumLeaderEpoch()
                : "controller quorum: NO LEADER");
        TextTable voters = new TextTable("  ", "VOTER", "LAG", "");
        health.voters().forEach(voter -> voters.row(voter.nodeId(), voter.lag(),
                voter.nodeId() == health.quorumLeaderId() ? "leader" : ""));
        lines.addAll(voters.lines());
        lines.add("brokers: " + health.brokers().size() + " registered");
        TextTable brokers = new TextTable("  ", "ID", "ADDRESS");
        health.brokers().forEach(broker -> brokers.row(broker.nodeId(), broker.address() + (broker.fenced()
                ? "  FENCED" : "")));
        lines.addAll(brokers.lines());
        lines.add("partitions: " + health.partitions());
        lines.add("  under-replicated: " + partitionList(health.underReplicated()));
        lines.add("  under min ISR:    " + partitionList(health.underMinIsr()));
        lines.add("  offline:          " + partitionList(health.offline()));
        lines.add("");
        List<String> problems = problems(health);
        if (problems.isEmpty()) {
            lines.add(health.underReplicated().isEmpty() ? "healthy"
                    : "healthy, but " + count(health.underReplicated().size()) + " under-replicated: fewer copies"
                            + " than configured are in sync until the missing brokers catch up");
        } else {
            lines.add("UNHEALTHY:");
            problems.forEach(problem -> lines.add("  - " + problem));
        }
        return lines;
    }

    /**
     * What can be said when brokers answer but the cluster's state could not be read in time: the brokers
     * forward quorum and metadata questions to the controllers, so the likely cause is a quorum without majority.
     */
    public static List<String> renderWithoutState(String clusterId, List<ClusterHealth.Broker> brokers,
                                                  long timeoutSeconds) {
        List<String> lines = new ArrayList<>();
        lines.add("cluster id: " + clusterId);
        lines.add("controller quorum: did not answer within " + timeoutSeconds + "s");
        lines.add("brokers: " + brokers.size() + " registered (as last known to the broker that answered)");
        TextTable table = new TextTable("  ", "ID", "ADDRESS");
        brokers.forEach(broker -> table.row(broker.nodeId(), broker.address()));
        lines.addAll(table.lines());
        lines.add("");
        lines.add("UNHEALTHY:");
        lines.add("  - brokers answer, but the controller quorum did not report within " + timeoutSeconds + "s: is a"
                + " majority of the controllers running? ('kafka-ha local status' for the local cluster)");
        return lines;
    }

    /**
     * Why the cluster is unhealthy, by {@link HealthVerdict}: every registered broker is expected to serve and
     * every voter to be caught up; empty when it serves every acks=all client.
     */
    public static List<String> problems(ClusterHealth health) {
        return HealthVerdict.judge(health, health.brokers().stream().map(ClusterHealth.Broker::nodeId).toList(),
                List.of()).problems();
    }

    static String partitionList(List<String> partitions) {
        if (partitions.isEmpty()) {
            return "none";
        }
        String named = String.join(", ", partitions.subList(0, Math.min(NAMED_PARTITIONS, partitions.size())));
        int rest = partitions.size() - NAMED_PARTITIONS;
        return rest > 0 ? named + " and " + rest + " more" : named;
    }

    private static String count(int partitions) {
        return partitions + (partitions == 1 ? " partition is" : " partitions are");
    }
}
