package io.kafkaha.core.plan;

import io.kafkaha.core.spec.NodeRole;
import java.util.Optional;

/**
 * One node as the runtime sees it, the roll planner's other input besides Kafka's view.
 *
 * @param name    the node's (pod's) name, e.g. {@code kafka-broker-1}
 * @param nodeId  its Kafka {@code node.id}
 * @param running whether its process runs and is not being stopped (a pod that exists, is not terminating and
 *                is ready); a node that is not running is restarting or down, and the planner waits for it
 * @param pending why it must restart, or {@code null} if it runs what the spec says
 */
public record NodeState(String name, NodeRole role, int nodeId, boolean running, RestartReason pending) {

    public static NodeState upToDate(String name, NodeRole role, int nodeId) {
        return new NodeState(name, role, nodeId, true, null);
    }

    public Optional<RestartReason> pendingRestart() {
        return Optional.ofNullable(pending);
    }

    public NodeState needing(RestartReason reason) {
        return new NodeState(name, role, nodeId, running, reason);
    }

    public NodeState stopped() {
        return new NodeState(name, role, nodeId, false, pending);
    }
}
