package io.kafkaha.cli.client;

/**
 * What a topic's replication factor and min.insync.replicas mean for {@code acks=all} writes: each is
 * acknowledged once min.insync.replicas replicas have it, so writes go on while at most RF - minISR replicas
 * are down, and an acknowledged record survives the loss of minISR - 1 of them.
 */
public record Durability(int replicationFactor, int minInSyncReplicas) {

    /** False when acks=all writes can never succeed: fewer replicas exist than must acknowledge. */
    public boolean writable() {
        return minInSyncReplicas <= replicationFactor;
    }

    public String describe() {
        if (!writable()) {
            return "acks=all writes always fail: min.insync.replicas " + minInSyncReplicas
                    + " is more than the replication factor " + replicationFactor;
        }
        return "acks=all writes need " + minInSyncReplicas + " of " + replicationFactor
                + " replicas in sync: they go on with " + brokers(replicationFactor - minInSyncReplicas)
                + " down, and an acknowledged record survives the loss of " + brokers(minInSyncReplicas - 1);
    }

    private static String brokers(int n) {
        return n == 0 ? "no broker" : n + (n == 1 ? " broker" : " brokers");
    }
}
