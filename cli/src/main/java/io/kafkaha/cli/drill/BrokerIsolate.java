package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cut the broker leading the most partitions off the network in both directions, connect it again later: a
 * network partition. Its process runs on, so no process watcher may fence it (the local supervisor must not);
 * Kafka's controller fences it after the broker session timeout and moves its leadership. While it is cut off the
 * fault watches Kafka's view from the rest of the cluster and notes when that happened.
 */
final class BrokerIsolate implements Fault {
    private static final Duration WATCH = Duration.ofMillis(250);

    @Override
    public String name() {
        return "broker-isolate";
    }

    @Override
    public String description() {
        return "cut the broker leading the most partitions off the network for --isolate-seconds, then reconnect it";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        if (target.brokers().size() < 2) {
            return Optional.of("needs at least 2 brokers to fail over to");
        }
        return target.cannotIsolate();
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        ClusterHealth health = target.health();
        String topic = context.settings().topic();
        DrillNode victim = BrokerChoice.byLeadership(health, topic, target.brokers()).get(0);
        String victimText = BrokerChoice.describe(health, topic, victim);
        Duration hold = context.settings().isolateFor();
        context.say("cutting " + victimText + " off the network for " + hold.toSeconds() + " s");
        long cut = System.nanoTime();
        target.isolate(victim);
        List<String> notes = new ArrayList<>();
        long repair;
        try {
            notes.addAll(watch(target, topic, victim, cut, hold));
        } finally {
            repair = System.nanoTime();
            target.reconnect(victim);
        }
        context.say("reconnected " + victim.name());
        return new Injection("cut " + victimText + " off the network (both directions, process running) for "
                + hold.toSeconds() + " s, then reconnected", repair, List.of(), notes);
    }

    /** Holds the cut for {@code hold}, noting when the others' view fenced the victim and moved its leadership. */
    private static List<String> watch(DrillTarget target, String topic, DrillNode victim, long cut, Duration hold)
            throws InterruptedException {
        long end = cut + hold.toNanos();
        Optional<Duration> fenced = Optional.empty();
        Optional<Duration> leaderless = Optional.empty();
        while (System.nanoTime() < end) {
            try {
                ClusterHealth now = target.health();
                Duration since = Duration.ofNanos(System.nanoTime() - cut);
                if (fenced.isEmpty() && now.brokers().stream()
                        .noneMatch(broker -> broker.nodeId() == victim.nodeId() && !broker.fenced())) {
                    fenced = Optional.of(since);
                }
                if (leaderless.isEmpty() && BrokerChoice.leaderships(now, topic, victim) == 0) {
                    leaderless = Optional.of(since);
                }
            } catch (FaultNotInjected unreachable) {
                // the rest of the cluster is asked again in a moment
            }
            Thread.sleep(Math.max(1, Math.min(WATCH.toMillis(), (end - System.nanoTime()) / 1_000_000)));
        }
        return List.of(
                fenced.map(after -> "fenced by the controller " + DrillTable.seconds(after) + " after the cut")
                        .orElse("not fenced while cut off (" + hold.toSeconds() + " s)"),
                leaderless.map(after -> "led no partition of '" + topic + "' " + DrillTable.seconds(after)
                        + " after the cut").orElse("still led partitions of '" + topic + "' when reconnected"));
    }
}
