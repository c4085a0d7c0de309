package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.spec.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A cluster of 3 controllers (ids 0-2) and N brokers (ids 3..) that records what faults do to it. */
final class FakeTarget implements DrillTarget {
    final List<String> actions = new ArrayList<>();
    private final List<DrillNode> brokers;
    private final List<DrillNode> controllers;
    ClusterHealth health;
    Optional<String> cannotPause = Optional.empty();
    Optional<String> cannotIsolate = Optional.empty();
    Optional<String> cannotKeepDown = Optional.empty();

    FakeTarget(int brokerCount, ClusterHealth health) {
        this.controllers = IntStream.range(0, 3)
                .mapToObj(i -> new DrillNode("k-controller-" + i, i, NodeRole.CONTROLLER)).toList();
        this.brokers = IntStream.range(0, brokerCount)
                .mapToObj(i -> new DrillNode("k-broker-" + i, 3 + i, NodeRole.BROKER)).toList();
        this.health = health;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:1";
    }

    @Override
    public List<DrillNode> brokers() {
        return brokers;
    }

    @Override
    public List<DrillNode> controllers() {
        return controllers;
    }

    @Override
    public ClusterHealth health() {
        return health;
    }

    @Override
    public void kill(Collection<DrillNode> nodes) {
        actions.add("kill " + names(nodes));
    }

    @Override
    public Optional<String> cannotKeepDown() {
        return cannotKeepDown;
    }

    @Override
    public Optional<String> cannotPause() {
        return cannotPause;
    }

    @Override
    public void pause(DrillNode node) {
        actions.add("pause " + node.name());
    }

    @Override
    public void resume(DrillNode node) {
        actions.add("resume " + node.name());
    }

    @Override
    public Optional<String> cannotIsolate() {
        return cannotIsolate;
    }

    @Override
    public void isolate(DrillNode node) {
        actions.add("isolate " + node.name());
    }

    @Override
    public void reconnect(DrillNode node) {
        actions.add("reconnect " + node.name());
    }

    @Override
    public void start(Collection<DrillNode> nodes, Duration timeout) {
        actions.add("start " + names(nodes));
    }

    @Override
    public void close() {
    }

    private static String names(Collection<DrillNode> nodes) {
        return String.join(",", nodes.stream().map(DrillNode::name).toList());
    }

    /** Topic t with partitions led by the given broker ids, quorum led by {@code quorumLeader}. */
    static ClusterHealth health(int quorumLeader, int... leaders) {
        List<ClusterHealth.PartitionState> partitions = new ArrayList<>();
        for (int p = 0; p < leaders.length; p++) {
            partitions.add(new ClusterHealth.PartitionState("t", p, leaders[p], List.of(3, 4, 5), List.of(3, 4, 5), 2));
        }
        return new ClusterHealth("id", quorumLeader, 1, List.of(), List.of(), partitions);
    }
}
