package io.kafkaha.cli.local;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code local status}: every node's process, and what Kafka says of it when a broker answers. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the local cluster's nodes: role, node id, pid, address and state.")
public class LocalStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExistingClusterSelection selection;

    @Override
    public Integer call() {
        LocalCluster cluster = selection.open();
        Optional<ClusterHealth> health = cluster.anyRunning() ? cluster.inspectKafka() : Optional.empty();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Cluster '" + cluster.state().name() + "' (Kafka cluster id " + cluster.state().clusterId()
                + ") in " + cluster.layout().dir());
        out.println(LocalStatusTable.render(cluster.nodes().stream()
                .map(node -> row(cluster, node, health)).toList()));
        out.println(LocalSupervisor.process(cluster).running()
                .map(supervisor -> "Fast fencing: on (supervisor pid " + supervisor.pid() + "): a broker whose"
                        + " process dies is unregistered at once.")
                .orElse("Fast fencing: off (no supervisor): a crashed broker is fenced only after Kafka's session"
                        + " timeout; 'kafka-ha local up" + ClusterSelection.flagsFor(cluster) + "' starts it."));
        cluster.network().ifPresent(network -> out.println("Network: isolated, each node in a network namespace of"
                + " its own on bridge " + network.bridge() + " (" + network.subnet() + "); 'kafka-ha drill' can cut"
                + " a broker off (broker-isolate)."));
        if (cluster.anyRunning() && health.isEmpty()) {
            out.println("No broker answered, so Kafka's own view is missing; 'kafka-ha local logs NODE' shows why.");
        }
        return 0;
    }

    private static LocalStatusTable.Row row(LocalCluster cluster, NodePlan node, Optional<ClusterHealth> health) {
        NodeProcess process = cluster.process(node);
        Optional<ProcessHandle> running = process.running();
        String state;
        if (running.isPresent()) {
            state = "running" + health.map(h -> kafkaView(node, h)).orElse("");
        } else {
            state = process.exitedUnexpectedly() ? "exited (crashed or killed)" : "stopped";
        }
        return new LocalStatusTable.Row(node.name(), node.role().label(), node.nodeId(),
                running.map(ProcessHandle::pid).map(String::valueOf).orElse("-"), cluster.address(node), state);
    }

    private static String kafkaView(NodePlan node, ClusterHealth health) {
        if (node.role() == NodeRole.CONTROLLER) {
            if (health.quorumLeaderId() == node.nodeId()) {
                return ", quorum leader";
            }
            return health.voters().stream().anyMatch(v -> v.nodeId() == node.nodeId()) ? ", voter" : ", not a voter";
        }
        if (health.isServing(node.nodeId())) {
            return ", serving";
        }
        return health.brokers().stream().anyMatch(b -> b.nodeId() == node.nodeId()) ? ", fenced" : ", not registered";
    }

}
