package io.kafkaha.cli.local;

import io.kafkaha.cli.UserError;
import io.kafkaha.core.render.NodePlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code local roll [NODE...]}: restarts nodes through the roll planner, one safe step at a time. The request is
 * recorded per node before the roll starts, so a roll cut short (timeout, Ctrl-C) carries on where it stood when
 * run again, and no node restarts twice for it.
 */
@Command(name = "roll", mixinStandardHelpOptions = true,
        description = {"Restart nodes one at a time, each only when Kafka can spare it (as the operator rolls pods):"
                + " controllers first, then brokers; a broker only when every partition it hosts has ISR above its"
                + " min ISR. Waits, saying why, while the cluster is not fully in sync."})
public class LocalRollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClusterSelection selection;

    @Parameters(paramLabel = "NODE", arity = "0..*",
            description = "Nodes to restart, e.g. kafka-broker-1 (default: every node).")
    List<String> nodeNames;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long the whole roll may take before it stops (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        JavaVersionCheck.require();
        if (timeoutSeconds <= 0) {
            throw new UserError("--timeout must be a positive number of seconds; got " + timeoutSeconds);
        }
        LocalCluster cluster = selection.open();
        List<NodePlan> nodes = nodeNames == null || nodeNames.isEmpty() ? cluster.nodes()
                : nodeNames.stream().distinct().map(cluster::node).toList();
        if (!cluster.anyRunning()) {
            throw new UserError("cluster '" + cluster.state().name() + "' is not running, so there is nothing to"
                    + " roll; 'kafka-ha local up" + (selection.nameGiven() ? " --name " + selection.name() : "")
                    + "' starts it with its current config");
        }
        KafkaInstallation kafka = cluster.kafka(spec.commandLine().getErr());
        cluster.recordUnknownFingerprints();
        String token = UUID.randomUUID().toString();
        nodes.forEach(node -> cluster.fingerprints().requestRestart(node.name(), token));
        PrintWriter out = spec.commandLine().getOut();
        new LocalRoll(cluster, kafka, out).run(Duration.ofSeconds(timeoutSeconds), "--timeout");
        return 0;
    }
}
