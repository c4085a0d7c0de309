package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kafkaha.api.v1beta1.KafkaPodTemplate;
import io.kafkaha.core.spec.NodeRole;
import java.util.List;

/**
 * How a role's pods spread when {@code spec.template.topologySpreadConstraints} is absent; a given list, even an
 * empty one, replaces these.
 * <ul>
 *   <li>Over nodes, strictly ({@code DoNotSchedule}, skew 1): with {@code ScheduleAnyway} the scheduler may put
 *   two brokers on one node, and that node's failure would take two of three replicas and stop acks=all writes.
 *   A single-node cluster still schedules everything (one domain has no skew).</li>
 *   <li>Over zones, best effort ({@code ScheduleAnyway}): clusters whose nodes have no zone label, or fewer zones
 *   than pods, still schedule.</li>
 * </ul>
 * Both honour taints ({@code nodeTaintsPolicy: Honor}): an unreachable node, or one the pods do not tolerate,
 * is no spreading domain, so a node failure does not leave its pod pending until the node returns.
 */
public final class PodSpreading {
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";

    private PodSpreading() {
    }

    public static List<TopologySpreadConstraint> constraints(String cluster, NodeRole role,
                                                             KafkaPodTemplate template) {
        List<TopologySpreadConstraint> given = template.getTopologySpreadConstraints();
        if (given != null) {
            return given.stream().map(constraint -> new TopologySpreadConstraintBuilder(constraint).build()).toList();
        }
        return List.of(spread(cluster, role, HOSTNAME, "DoNotSchedule"), spread(cluster, role, ZONE, "ScheduleAnyway"));
    }

    private static TopologySpreadConstraint spread(String cluster, NodeRole role, String topologyKey,
                                                   String whenUnsatisfiable) {
        return new TopologySpreadConstraintBuilder()
                .withTopologyKey(topologyKey)
                .withMaxSkew(1)
                .withWhenUnsatisfiable(whenUnsatisfiable)
                .withNodeTaintsPolicy("Honor")
                .withNewLabelSelector().withMatchLabels(Labels.selector(cluster, role)).endLabelSelector()
                .build();
    }
}
