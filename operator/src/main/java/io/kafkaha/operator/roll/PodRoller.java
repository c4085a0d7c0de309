package io.kafkaha.operator.roll;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafkaha.core.plan.NodeState;

/**
 * Restarts a node by deleting its pod: Kubernetes sends the Kafka process SIGTERM, which makes a broker shut
 * down in a controlled way (handing its partition leadership over) within the pod's termination grace period,
 * and the StatefulSet controller creates the pod again from the current template, on the same volume.
 */
public final class PodRoller {
    private PodRoller() {
    }

    public static void restart(KubernetesClient client, String namespace, NodeState node) {
        client.pods().inNamespace(namespace).withName(node.name()).delete();
    }
}
