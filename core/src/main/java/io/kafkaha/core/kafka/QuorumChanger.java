package io.kafkaha.core.kafka;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.common.Uuid;

/**
 * Changes the KRaft voter set through Kafka's Admin API (KIP-853): the one place the operator and the local
 * runtime add or remove a controller. Which change is safe is {@code core.plan.QuorumPlanner}'s decision; the
 * directory ids come from the quorum's own description ({@link ClusterHealth#observers()} and voters).
 */
public final class QuorumChanger {
    /** The controllers' listener, whose address a new voter is reached at. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Admin admin;

    public QuorumChanger(Admin admin) {
        this.admin = admin;
    }

    /**
     * Makes a caught-up observer a voter; returns once the leader committed the new voter set.
     *
     * @param host where the other controllers reach it (its {@code CONTROLLER} listener)
     * @param port that listener's port
     */
    public void addVoter(int nodeId, String directoryId, String host, int port)
            throws ExecutionException, InterruptedException {
        admin.addRaftVoter(nodeId, Uuid.fromString(directoryId),
                Set.of(new RaftVoterEndpoint(CONTROLLER_LISTENER, host, port))).all().get();
    }

    /** Removes a voter; returns once the leader committed the smaller voter set. */
    public void removeVoter(int nodeId, String directoryId) throws ExecutionException, InterruptedException {
        admin.removeRaftVoter(nodeId, Uuid.fromString(directoryId)).all().get();
    }
}
