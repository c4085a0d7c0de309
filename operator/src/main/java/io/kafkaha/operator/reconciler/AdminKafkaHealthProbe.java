package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.ClientSettings;
import io.kafkaha.core.kafka.ClusterInspector;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.kafka.QuorumChanger;
import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.PartitionMove;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.core.render.Listener;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.operator.DesiredCluster;
import io.kafkaha.operator.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own view through its Admin API, from inside the Kubernetes cluster where the pods' DNS names resolve.
 * Where the brokers cannot be reached (an operator running outside the cluster) the StatefulSets' readiness
 * stands for Ready and no pod is rolled; where they answer, a cluster is Ready only if Kafka agrees.
 */
public final class AdminKafkaHealthProbe implements KafkaHealthProbe {
    private static final Logger LOG = LoggerFactory.getLogger(AdminKafkaHealthProbe.class);

    @Override
    public void raiseMetadataVersion(DesiredCluster cluster, short level) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            new ClusterInspector(admin).raiseMetadataVersion(level);
        }
    }

    @Override
    public void changeQuorum(DesiredCluster cluster, QuorumStep step) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            QuorumChanger changer = new QuorumChanger(admin);
            if (step instanceof QuorumStep.AddVoter add) {
                int ordinal = add.nodeId() - NodeRole.CONTROLLER.nodeIdOffset();
                changer.addVoter(add.nodeId(), add.directoryId(),
                        cluster.addressing().host(NodeRole.CONTROLLER, ordinal),
                        cluster.addressing().port(Listener.CONTROLLER, ordinal));
            } else if (step instanceof QuorumStep.RemoveVoter remove) {
                changer.removeVoter(remove.nodeId(), remove.directoryId());
            } else {
                throw new IllegalArgumentException("not a voter change: " + step.description());
            }
        }
    }

    @Override
    public PartitionMover.Observed placement(DesiredCluster cluster) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            return new PartitionMover(admin).observe();
        }
    }

    @Override
    public void submitMoves(DesiredCluster cluster, List<BrokerSlot> brokers, List<PartitionMove> batch,
                            MoveSettings settings) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            new PartitionMover(admin).submitBatch(brokers, batch, settings);
        }
    }

    @Override
    public void finishMoves(DesiredCluster cluster) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            new PartitionMover(admin).finish();
        }
    }

    @Override
    public void unregisterBroker(DesiredCluster cluster, int brokerId) throws Exception {
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap(cluster)))) {
            admin.unregisterBroker(brokerId).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof BrokerIdNotRegisteredException)) {
                throw e;
            }
        }
    }

    /** Through the bootstrap Service: it needs no spec, and lists only ready brokers, never the dead one. */
    @Override
    public DeadBrokerFencer.Outcome unregisterDeadBroker(String namespace, String cluster, int brokerId,
                                                         BrokerDeath death) {
        String bootstrap = ResourceNames.bootstrapServers(cluster, namespace);
        try (Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
            return new DeadBrokerFencer(admin).fence(brokerId, death);
        }
    }

    private static String bootstrap(DesiredCluster cluster) {
        return cluster.rendered().nodes(NodeRole.BROKER).stream()
                .map(broker -> cluster.addressing().hostPort(Listener.CLIENT, broker.ordinal()))
                .collect(Collectors.joining(","));
    }

    @Override
    public KafkaView observe(DesiredCluster cluster) {
        String bootstrap = bootstrap(cluster);
        Map<String, Object> config = ClientSettings.probingAdmin(bootstrap);
        try (Admin admin = Admin.create(config)) {
            return KafkaView.of(new ClusterInspector(admin).inspect());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KafkaView.unreachable("interrupted");
        } catch (Exception unreachable) {
            LOG.debug("Kafka at {} did not answer", bootstrap, unreachable);
            Throwable cause = unreachable.getCause() != null ? unreachable.getCause() : unreachable;
            return KafkaView.unreachable("brokers at " + bootstrap + " did not answer: " + cause.getMessage());
        }
    }
}
