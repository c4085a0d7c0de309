package io.kafkaha.core.spec;

/**
 * The two kinds of Kafka node kafka-ha runs. KRaft controllers form the metadata quorum (ZooKeeper's successor);
 * brokers hold the data. Each role is one StatefulSet, so a node is named {@code <cluster>-<role>-<ordinal>}.
 */
public enum NodeRole {
    CONTROLLER("controller", 1000),
    BROKER("broker", 0);

    private final String label;
    private final int nodeIdOffset;

    NodeRole(String label, int nodeIdOffset) {
        this.label = label;
        this.nodeIdOffset = nodeIdOffset;
    }

    /** Lower-case name used in node names, config file names and the start script's environment. */
    public String label() {
        return label;
    }

    /**
     * Added to a node's ordinal to get its Kafka {@code node.id}: brokers keep their ordinal (broker 2 is
     * {@code kafka-broker-2}), controllers start at 1000 so the two ranges never meet.
     */
    public int nodeIdOffset() {
        return nodeIdOffset;
    }

    public int nodeId(int ordinal) {
        return nodeIdOffset + ordinal;
    }
}
