package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own view through its Admin API, from inside the Kubernetes cluster where the pods' DNS names resolve.
 * Where the brokers cannot be reached (an operator running outside the cluster) it reports nothing and the
 * StatefulSets' readiness stands; where they answer, a cluster is Ready only if Kafka agrees.
 */
public final class AdminKafkaHealthProbe implements KafkaHealthProbe {
    private static final Logger LOG = LoggerFactory.getLogger(AdminKafkaHealthProbe.class);

    @Override
    public List<String> problems(DesiredCluster cluster) {
        List<NodePlan> brokers = cluster.rendered().nodes(NodeRole.BROKER);
        String bootstrap = brokers.stream()
                .map(broker -> cluster.addressing().hostPort(Listener.CLIENT, broker.ordinal()))
                .collect(Collectors.joining(","));
        Map<String, Object> config = ClientSettings.probingAdmin(bootstrap);
        try (Admin admin = Admin.create(config)) {
            return problems(new ClusterInspector(admin).inspect(), brokers.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception unreachable) {
            LOG.debug("Kafka at {} did not answer; relying on pod readiness", bootstrap, unreachable);
            return List.of();
        }
    }

    /** Why Kafka's view says the cluster cannot serve every acks=all write yet; empty when it can. */
    static List<String> problems(ClusterHealth health, int expectedBrokers) {
        List<String> problems = new ArrayList<>();
        if (!health.hasQuorumLeader()) {
            problems.add("the controller quorum has no leader");
        }
        if (health.brokers().size() < expectedBrokers) {
            problems.add(health.brokers().size() + "/" + expectedBrokers + " brokers registered");
        }
        if (!health.offline().isEmpty()) {
            problems.add("offline partitions: " + first(health.offline()));
        }
        if (!health.underMinIsr().isEmpty()) {
            problems.add("partitions under min.insync.replicas: " + first(health.underMinIsr()));
        }
        return problems;
    }

    private static String first(List<String> partitions) {
        return partitions.size() <= 5 ? String.join(", ", partitions)
                : String.join(", ", partitions.subList(0, 5)) + " and " + (partitions.size() - 5) + " more";
    }
}
