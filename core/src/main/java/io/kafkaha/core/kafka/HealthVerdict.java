package io.kafkaha.core.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one judgement of a cluster's health, used by the operator's Ready condition, {@code kafka-ha status}, the
 * local runtime's readiness wait, the roll planner and the benchmarks. Pure: from {@link ClusterHealth} and what
 * the cluster should have.
 * <ul>
 *   <li><b>problems</b> — the cluster cannot serve every acks=all client: no quorum leader, an expected broker
 *       not registered or fenced, a partition offline or under its min ISR;</li>
 *   <li><b>warnings</b> — it serves but has less redundancy than configured: partitions under-replicated, a voter
 *       missing or not caught up. A roll waits for these too ({@link #isFullyRedundant()}).</li>
 * </ul>
 */
public record HealthVerdict(List<String> problems, List<String> warnings) {
    /** Partitions named per message; the rest are counted, so a broken big cluster stays readable. */
    static final int NAMED = 5;

    public HealthVerdict {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param brokerIds     node ids of the brokers the cluster should have
     * @param controllerIds node ids of the controllers that should be quorum voters (empty: not checked)
     */
    public static HealthVerdict judge(ClusterHealth health, Collection<Integer> brokerIds,
                                      Collection<Integer> controllerIds) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!health.hasQuorumLeader()) {
            problems.add("the controller quorum has no leader");
        }
        Set<Integer> missing = new TreeSet<>();
        Set<Integer> fenced = new TreeSet<>();
        for (int id : brokerIds) {
            health.brokers().stream().filter(b -> b.nodeId() == id).findFirst()
                    .ifPresentOrElse(b -> {
                        if (b.fenced()) {
                            fenced.add(id);
                        }
                    }, () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            problems.add((brokerIds.size() - missing.size()) + "/" + brokerIds.size() + " brokers registered"
                    + " (missing: " + ids(missing) + ")");
        }
        if (!fenced.isEmpty()) {
            problems.add("broker(s) " + ids(fenced) + " registered but fenced (not serving yet)");
        }
        if (!health.offline().isEmpty()) {
            problems.add("offline partitions (no leader): " + named(health.offline()));
        }
        if (!health.underMinIsr().isEmpty()) {
            problems.add("partitions under min.insync.replicas (acks=all writes fail): "
                    + named(health.underMinIsr()));
        }
        if (!health.underReplicated().isEmpty()) {
            warnings.add("under-replicated partitions: " + named(health.underReplicatedWithLaggards()));
        }
        for (int id : controllerIds) {
            health.voters().stream().filter(v -> v.nodeId() == id).findFirst().ifPresentOrElse(voter -> {
                if (!voter.caughtUp()) {
                    warnings.add("controller " + id + " is a voter but not caught up (lag " + voter.lag() + ")");
                }
            }, () -> warnings.add("controller " + id + " is not a voter of the quorum"));
        }
        return new HealthVerdict(problems, warnings);
    }

    /** Serves every acks=all client. */
    public boolean isServing() {
        return problems.isEmpty();
    }

    /** Serves, and every replica and voter is in sync: nothing more may be lost without a client noticing. */
    public boolean isFullyRedundant() {
        return problems.isEmpty() && warnings.isEmpty();
    }

    /** The first problem, else the first warning, else "healthy". */
    public String summary() {
        return !problems.isEmpty() ? problems.get(0) : !warnings.isEmpty() ? warnings.get(0) : "healthy";
    }

    static String named(List<String> partitions) {
        return partitions.size() <= NAMED ? String.join(", ", partitions)
                : String.join(", ", partitions.subList(0, NAMED)) + " and " + (partitions.size() - NAMED) + " more";
    }

    private static String ids(Set<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }
}
