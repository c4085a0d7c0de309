package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code local kill|stop|start NODE}: one node's lifecycle, to rehearse failures and restarts. */
public final class LocalNodeCommands {
    private LocalNodeCommands() {
    }

    /** Shared by the three commands: which node, of which cluster. */
    abstract static class NodeCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ExistingClusterSelection selection;

        @Parameters(paramLabel = "NODE", description = "Node name, e.g. kafka-broker-1 (see 'kafka-ha local status').")
        String nodeName;

        @Override
        public Integer call() {
            LocalCluster cluster = selection.open();
            NodePlan node = cluster.node(nodeName);
            act(cluster, node);
            return 0;
        }

        abstract void act(LocalCluster cluster, NodePlan node);

        void say(String message) {
            spec.commandLine().getOut().println(message);
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Crash a node: SIGKILL, no clean shutdown (like a node or container failure).")
    public static class Kill extends NodeCommand {
        @Override
        void act(LocalCluster cluster, NodePlan node) {
            if (!cluster.isRunning(node)) {
                throw new UserError(node.name() + " is not running; nothing to kill");
            }
            cluster.process(node).kill();
            say(node.name() + " killed (SIGKILL). Bring it back with 'kafka-ha local start " + node.name() + "'.");
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a node gracefully (SIGTERM: a broker hands over its partition leadership first).")
    public static class Stop extends NodeCommand {
        @Override
        void act(LocalCluster cluster, NodePlan node) {
            if (!cluster.isRunning(node)) {
                cluster.process(node).forget();
                say(node.name() + " is already stopped.");
                return;
            }
            boolean clean = cluster.process(node).stop(LocalCluster.STOP_GRACE);
            say(node.name() + (clean ? " stopped." : " did not stop within " + LocalCluster.STOP_GRACE.toSeconds()
                    + "s and was killed."));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a stopped or crashed node and wait until it serves again.")
    public static class Start extends NodeCommand {
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
                description = "How long to wait for the node (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        void act(LocalCluster cluster, NodePlan node) {
            if (timeoutSeconds <= 0) {
                throw new UserError("--timeout " + timeoutSeconds + " leaves no time for " + node.name() + " to"
                        + " start; give the seconds to wait for it, 1 or more (default: 120)");
            }
            if (cluster.isRunning(node)) {
                say(node.name() + " is already running.");
                return;
            }
            cluster.writeConfig();
            KafkaInstallation kafka = cluster.kafka(spec.commandLine().getErr());
            cluster.launch(node, kafka);
            // The supervisor exits when every node is down; a node started again brings it back.
            LocalSupervisor.ensureRunning(cluster);
            new ReadinessWait(cluster, kafka, spec.commandLine().getErr())
                    .await(List.of(node), Duration.ofSeconds(timeoutSeconds), serves(cluster, node));
            say(node.name() + " started.");
        }

        /** A broker serves once registered and answering; a controller once it listens and the quorum has a leader. */
        private static ReadinessWait.ReadyCheck serves(LocalCluster cluster, NodePlan node) {
            if (node.role() == NodeRole.BROKER) {
                return (health, inspector) -> health.isServing(node.nodeId())
                        && inspector.brokerAnswers(node.nodeId());
            }
            return (health, inspector) -> health.hasQuorumLeader()
                    && cluster.ports(node).stream().allMatch(port -> PortProbe.accepts(cluster.host(node), port));
        }
    }
}
