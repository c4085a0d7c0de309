package io.kafkaha.cli;

import io.kafkaha.cli.client.KafkaClients;
import io.kafkaha.cli.client.StatusReport;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kafka-ha status}: is the cluster able to serve acks=all clients right now, and if not, why. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Shows Kafka's own view of the cluster: cluster id, the controller quorum (leader, epoch, each voter's"
                + " lag), the registered brokers, and the partitions that are under-replicated, under min ISR or"
                + " offline.",
            "Exits 0 when healthy, 1 when the quorum has no leader or a partition is offline or under min ISR."
        })
public class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootstrapOption bootstrap;

    @Override
    public Integer call() throws Exception {
        KafkaClients clients = new KafkaClients(bootstrap.resolve());
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = clients.admin()) {
            // Asked first, of the brokers alone: if they answer and the full inspection then times out, the
            // controller quorum is the one not answering, which must not read as "cannot reach Kafka".
            String clusterId;
            List<ClusterHealth.Broker> brokers;
            try {
                DescribeClusterResult cluster = admin.describeCluster();
                clusterId = cluster.clusterId().get();
                brokers = cluster.nodes().get().stream().sorted(Comparator.comparingInt(Node::id))
                        .map(node -> new ClusterHealth.Broker(node.id(), node.host() + ":" + node.port())).toList();
            } catch (ExecutionException e) {
                throw clients.errors().translate(e, null);
            }
            try {
                ClusterHealth health = new ClusterInspector(admin).inspect();
                StatusReport.render(health).forEach(out::println);
                return StatusReport.problems(health).isEmpty() ? 0 : 1;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TimeoutException)) {
                    throw clients.errors().translate(e, null);
                }
                StatusReport.renderWithoutState(clusterId, brokers, ClientSettings.ADMIN_TIMEOUT.toSeconds())
                        .forEach(out::println);
                return 1;
            }
        }
    }
}
