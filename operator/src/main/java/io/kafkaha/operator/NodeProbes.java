package io.kafkaha.operator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.kafkaha.core.spec.NodeRole;

/**
 * Probes on the role's serving port ({@link ListenerPorts#serving}): the client port for brokers, the quorum port
 * for controllers. TCP, because the image has no lightweight Kafka client (its tools start a JVM per call) and
 * because in KRaft mode a broker opens its listeners only once it has caught up with the metadata log and is
 * about to be unfenced, so an accepting client port means the broker serves. Readiness is what the bootstrap
 * Service and the PodDisruptionBudgets go by, and what the operator waits for before restarting the next node.
 */
public final class NodeProbes {
    static final int PERIOD_SECONDS = 10;
    static final int TIMEOUT_SECONDS = 5;
    /**
     * One hour: after an unclean shutdown a broker recovers its log segments before it listens, which takes long
     * on big volumes, and a container killed mid-recovery starts the recovery over.
     */
    static final int STARTUP_FAILURE_THRESHOLD = 360;
    /** A minute of refused or unanswered connections after startup: the listener is gone, the node is no use. */
    static final int LIVENESS_FAILURE_THRESHOLD = 6;

    private NodeProbes() {
    }

    /** Holds off liveness until the node listened once, however long log recovery takes. */
    public static Probe startup(NodeRole role) {
        return tcp(role, STARTUP_FAILURE_THRESHOLD);
    }

    public static Probe readiness(NodeRole role) {
        return tcp(role, 3);
    }

    /**
     * Restarts a node whose listener stopped accepting, e.g. after its acceptor thread died. Such a node already
     * serves nobody, so restarting it takes nothing away; everything else stays with the operator.
     */
    public static Probe liveness(NodeRole role) {
        return tcp(role, LIVENESS_FAILURE_THRESHOLD);
    }

    private static Probe tcp(NodeRole role, int failureThreshold) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                    .withPort(new IntOrString(ListenerPorts.name(ListenerPorts.serving(role))))
                .endTcpSocket()
                .withPeriodSeconds(PERIOD_SECONDS)
                .withTimeoutSeconds(TIMEOUT_SECONDS)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
