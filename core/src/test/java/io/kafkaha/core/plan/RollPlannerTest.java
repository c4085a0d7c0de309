package io.kafkaha.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.ClusterHealth.Broker;
import io.kafkaha.core.kafka.ClusterHealth.PartitionState;
import io.kafkaha.core.kafka.ClusterHealth.Voter;
import io.kafkaha.core.spec.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's decision table: a 3 controllers + 3 brokers cluster (controllers 1000-1002, 1001 the active one;
 * brokers 0-2; topic orders with 3 replicas and min ISR 2), a situation, and the expected step.
 */
class RollPlannerTest {
    private static final String CONFIG = RestartReason.CONFIG.description();

    static Stream<Arguments> situations() {
        return Stream.of(
                row("nothing pending", healthy(), nodes(), "every node runs the current spec"),
                row("controllers first, followers first", healthy(), nodes("controller-1", "controller-2",
                        "broker-0"), "restart kafka-controller-2 (" + CONFIG + ")"),
                row("the active controller last", healthy(), nodes("controller-1", "broker-0"),
                        "restart kafka-controller-1 (" + CONFIG + "; the active controller, last)"),
                row("brokers after every controller, lowest id first", healthy(), nodes("broker-1", "broker-2"),
                        "restart kafka-broker-1 (" + CONFIG + ")"),
                row("never while a node is down", healthy(), down(nodes("broker-0"), "broker-2"),
                        "waiting: kafka-broker-2 is not running yet"),
                row("never blind", null, nodes("broker-0"),
                        "waiting: Kafka cannot be asked (timed out); no node is restarted blind"),
                row("a restarted broker not registered yet", without(2), nodes("broker-0"),
                        "waiting: 2/3 brokers registered (missing: 2)"),
                row("a restarted broker registered but fenced", fenced(2), nodes("broker-0"),
                        "waiting: broker(s) 2 registered but fenced (not serving yet)"),
                row("a restarted broker not back in every ISR", isr(List.of(0, 1)), nodes("broker-0"),
                        "waiting: under-replicated partitions: orders-0 (out of sync: 2)"),
                row("a restarted controller not caught up yet", lagging(1002), nodes("broker-0"),
                        "waiting: controller 1002 is a voter but not caught up (lag 40)"),
                row("no quorum leader", leader(-1), nodes("broker-0"),
                        "waiting: the controller quorum has no leader"),
                row("ISR at min ISR: the broker would take acks=all writes down", minIsr(3), nodes("broker-0"),
                        "waiting: partition orders-0 has ISR 3, min ISR 3 and only 3 replica(s): restarting"
                                + " kafka-broker-0 would stop acks=all writes to it; raise the topic's"
                                + " replication factor above its min.insync.replicas"),
                row("a broker without the blocking partition goes first", twoReplicasOn(0, 1), nodes("broker-0",
                        "broker-2"), "restart kafka-broker-2 (" + CONFIG + ")"),
                row("a single broker restarts anyway", singleBroker(), List.of(
                        node("broker-0").needing(RestartReason.VERSION)),
                        "restart kafka-broker-0 (Kafka version changed; the only broker: its partitions are"
                                + " unavailable until it is back)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void decides(String situation, ClusterHealth kafka, List<NodeState> nodes, String expected) {
        RollStep step = RollPlanner.next(nodes, Optional.ofNullable(kafka), "timed out");
        assertThat(step.description()).isEqualTo(expected);
    }

    private static Arguments row(String situation, ClusterHealth kafka, List<NodeState> nodes, String step) {
        return Arguments.of(situation, kafka, nodes, step);
    }

    /** The 3+3 cluster, the named nodes ("broker-1") pending a config change. */
    private static List<NodeState> nodes(String... pending) {
        List<NodeState> nodes = new ArrayList<>();
        for (String name : List.of("controller-0", "controller-1", "controller-2", "broker-0", "broker-1",
                "broker-2")) {
            NodeState node = node(name);
            nodes.add(List.of(pending).contains(name) ? node.needing(RestartReason.CONFIG) : node);
        }
        return nodes;
    }

    private static NodeState node(String name) {
        NodeRole role = name.startsWith("controller") ? NodeRole.CONTROLLER : NodeRole.BROKER;
        int ordinal = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        return NodeState.upToDate("kafka-" + name, role, role.nodeId(ordinal));
    }

    private static List<NodeState> down(List<NodeState> nodes, String name) {
        return nodes.stream().map(node -> node.name().equals("kafka-" + name) ? node.stopped() : node).toList();
    }

    private static ClusterHealth healthy() {
        return cluster(1001, List.of(voter(1000), voter(1001), voter(1002)),
                List.of(new Broker(0, "b0"), new Broker(1, "b1"), new Broker(2, "b2")),
                List.of(new PartitionState("orders", 0, 0, List.of(0, 1, 2), List.of(0, 1, 2), 2)));
    }

    private static Voter voter(int id) {
        return new Voter(id, 0, true);
    }

    private static ClusterHealth cluster(int leader, List<Voter> voters, List<Broker> brokers,
                                         List<PartitionState> partitions) {
        return new ClusterHealth("id", leader, 5, voters, brokers, partitions);
    }

    private static ClusterHealth with(UnaryOperator<List<Broker>> brokers, UnaryOperator<List<PartitionState>> parts) {
        ClusterHealth h = healthy();
        return cluster(h.quorumLeaderId(), h.voters(), brokers.apply(h.brokers()),
                parts.apply(h.partitionStates()));
    }

    private static ClusterHealth without(int broker) {
        return with(b -> b.stream().filter(x -> x.nodeId() != broker).toList(), p -> p);
    }

    private static ClusterHealth fenced(int broker) {
        return with(b -> b.stream().map(x -> x.nodeId() == broker ? new Broker(broker, x.address(), true) : x)
                .toList(), p -> p);
    }

    private static ClusterHealth isr(List<Integer> isr) {
        return with(b -> b, p -> List.of(new PartitionState("orders", 0, 0, List.of(0, 1, 2), isr, 2)));
    }

    private static ClusterHealth minIsr(int minIsr) {
        return with(b -> b, p -> List.of(new PartitionState("orders", 0, 0, List.of(0, 1, 2), List.of(0, 1, 2),
                minIsr)));
    }

    /** A partition with replicas only on {@code a} and {@code b}, min ISR 2: neither may go, the third may. */
    private static ClusterHealth twoReplicasOn(int a, int b) {
        return with(x -> x, p -> List.of(new PartitionState("orders", 0, a, List.of(a, b), List.of(a, b), 2)));
    }

    private static ClusterHealth lagging(int controller) {
        ClusterHealth h = healthy();
        return cluster(h.quorumLeaderId(), h.voters().stream()
                .map(v -> v.nodeId() == controller ? new Voter(controller, 40, false) : v).toList(),
                h.brokers(), h.partitionStates());
    }

    private static ClusterHealth leader(int leader) {
        ClusterHealth h = healthy();
        return cluster(leader, h.voters(), h.brokers(), h.partitionStates());
    }

    private static ClusterHealth singleBroker() {
        return cluster(1001, List.of(voter(1000), voter(1001), voter(1002)), List.of(new Broker(0, "b0")),
                List.of(new PartitionState("orders", 0, 0, List.of(0), List.of(0), 1)));
    }
}
