package io.kafkaha.core.spec;

/**
 * A Kafka cluster as the user describes it: a name, a controller quorum and a set of brokers.
 * The same record feeds the local runtime and, through the KafkaCluster resource, the operator.
 */
public record ClusterSpec(String name, RoleSpec controllers, RoleSpec brokers) {

    public static final String DEFAULT_NAME = "kafka";

    /** The seed's topology: 3 controllers (in ZooKeeper's place) and 3 brokers. */
    public static ClusterSpec seed(String name) {
        return new ClusterSpec(name, RoleSpec.of(3), RoleSpec.of(3));
    }

    public RoleSpec role(NodeRole role) {
        return role == NodeRole.CONTROLLER ? controllers : brokers;
    }
}
