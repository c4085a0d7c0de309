package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.render.NodePlan;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
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
            return problems(new ClusterInspector(admin).inspect(), brokers.stream().map(NodePlan::nodeId).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception unreachable) {
            LOG.debug("Kafka at {} did not answer; relying on pod readiness", bootstrap, unreachable);
            return List.of();
        }
    }

    /** Why Kafka's view says the cluster cannot serve every acks=all write yet; empty when it can. */
    static List<String> problems(ClusterHealth health, List<Integer> brokerIds) {
        return HealthVerdict.judge(health, brokerIds, List.of()).problems();
    }
}
