package io.kafkaha.cli.local;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.plan.NodeState;
import io.kafkaha.core.render.NodePlan;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the {@link io.kafkaha.core.plan.RollPlanner} looks at, read from a local cluster: each node as a {@link NodeState} (running = its
 * process is alive and its serving port accepts, as a pod's readiness probe; pending = its recorded fingerprint
 * differs from what the spec renders) and Kafka's own view through {@link ClusterInspector}. Observes only.
 */
final class RollObserver implements AutoCloseable {

    /** One look at the cluster; {@code kafkaError} says why {@code kafka} is empty. */
    record Observation(List<NodeState> nodes, Optional<ClusterHealth> kafka, String kafkaError) {
        long pending() {
            return nodes.stream().filter(node -> node.pending() != null).count();
        }
    }

    private final LocalCluster cluster;
    private final Admin admin;
    private final ClusterInspector inspector;

    RollObserver(LocalCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(ClientSettings.probingAdmin(cluster.bootstrapServers()));
        this.inspector = new ClusterInspector(admin);
    }

    Observation observe() throws InterruptedException {
        // Nodes first: a node seen running must also be in the Kafka view that follows, never the reverse.
        List<NodeState> nodes = cluster.nodes().stream().map(this::state).toList();
        try {
            return new Observation(nodes, Optional.of(inspector.inspect()), null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Observation(nodes, Optional.empty(), cause.getClass().getSimpleName() + ": "
                    + cause.getMessage());
        }
    }

    private NodeState state(NodePlan node) {
        return new NodeState(node.name(), node.role(), node.nodeId(), cluster.isReady(node),
                cluster.pendingRestart(node).orElse(null));
    }

    @Override
    public void close() {
        admin.close();
    }
}
