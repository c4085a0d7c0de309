package io.kafkaha.operator.reconciler;

import io.kafkaha.core.kafka.BrokerDeath;
import io.kafkaha.core.kafka.DeadBrokerFencer;
import io.kafkaha.core.kafka.MoveSettings;
import io.kafkaha.core.kafka.PartitionMover;
import io.kafkaha.core.plan.BrokerSlot;
import io.kafkaha.core.plan.PartitionMove;
import java.util.List;
import io.kafkaha.core.plan.QuorumStep;
import io.kafkaha.operator.DesiredCluster;

/**
 * Kafka's own view of a cluster, for the Ready condition and the roll planner. Behind an interface so operator
 * tests can stand in for Kafka, and so an operator that cannot reach the pods (out of cluster) leaves it out.
 */
@FunctionalInterface
public interface KafkaHealthProbe {
    /**
     * Kafka cannot be asked: Ready trusts the StatefulSets' readiness (the readiness probes already require each
     * node to listen), and no roll ever restarts a pod, since the planner never restarts blind.
     */
    KafkaHealthProbe NONE = cluster -> KafkaView.unreachable("the operator has no connection to the brokers;"
            + " it must run inside the cluster to restart pods safely");

    /** What Kafka says about the cluster, or why it could not be asked. */
    KafkaView observe(DesiredCluster cluster);

    /** Raises the cluster's {@code metadata.version} to {@code level} (the last step of an upgrade). */
    default void raiseMetadataVersion(DesiredCluster cluster, short level) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }

    /**
     * Adds or removes a voter of the controller quorum ({@link QuorumStep.AddVoter} or {@link
     * QuorumStep.RemoveVoter}); returns once Kafka committed the change.
     */
    default void changeQuorum(DesiredCluster cluster, QuorumStep step) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }

    /**
     * Fast fencing ({@link CrashedBrokerFencing}): unregisters broker {@code brokerId} of cluster {@code cluster}
     * in {@code namespace}, whose death is {@code death}. Without a connection to the brokers it cannot, and Kafka's
     * session timeout fences the broker as it always does.
     */
    default DeadBrokerFencer.Outcome unregisterDeadBroker(String namespace, String cluster, int brokerId,
                                                          BrokerDeath death) {
        return new DeadBrokerFencer.Outcome(brokerId, DeadBrokerFencer.Result.FAILED, "broker " + brokerId
                + " died (" + death.evidence() + ") but the operator has no connection to the brokers; Kafka fences"
                + " it after broker.session.timeout.ms");
    }

    /** Where the partitions are and what Kafka is moving ({@link PartitionMover#observe}), for a broker scaling. */
    default PartitionMover.Observed placement(DesiredCluster cluster) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }

    /** Throttles and submits one batch of partition moves, without waiting ({@link PartitionMover#submitBatch}). */
    default void submitMoves(DesiredCluster cluster, List<BrokerSlot> brokers, List<PartitionMove> batch,
                             MoveSettings settings) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }

    /** Removes the replication throttles and elects preferred leaders ({@link PartitionMover#finish}). */
    default void finishMoves(DesiredCluster cluster) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }

    /** Unregisters a removed broker from the cluster metadata; one already unregistered is no failure. */
    default void unregisterBroker(DesiredCluster cluster, int brokerId) throws Exception {
        throw new IllegalStateException("the operator has no connection to the brokers");
    }
}
