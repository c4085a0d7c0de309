package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
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
        return BrokerChoice.tooFewToFailOver(target);
    }

    @Override
    public Optional<String> notPossibleOn(DrillTarget target) {
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
        Watch watch;
        long repair;
        try {
            watch = watch(target, topic, victim, cut, hold);
        } finally {
            repair = System.nanoTime();
            target.reconnect(victim);
        }
        context.say("reconnected " + victim.name());
        return new Injection("cut " + victimText + " off the network (both directions, process running) for "
                + hold.toSeconds() + " s, then reconnected", repair, watch.violations(), watch.notes());
    }

    /** What the rest of the cluster showed while the victim was cut off. */
    private record Watch(List<String> notes, List<String> violations) {
    }

    /**
     * Holds the cut for {@code hold}, noting when the others' view fenced the victim and moved its leadership. The
     * victim must stay registered: it is alive, so only Kafka's session timeout may fence it; had anything
     * unregistered it (a process watcher taking the cut for a death), that is a violation.
     */
    private static Watch watch(DrillTarget target, String topic, DrillNode victim, long cut, Duration hold)
            throws InterruptedException {
        long end = cut + hold.toNanos();
        Optional<Duration> fenced = Optional.empty();
        Optional<Duration> leaderless = Optional.empty();
        Optional<Duration> unregistered = Optional.empty();
        while (System.nanoTime() < end) {
            try {
                ClusterHealth now = target.health();
                Duration since = Duration.ofNanos(System.nanoTime() - cut);
                Optional<ClusterHealth.Broker> registered = now.brokers().stream()
                        .filter(broker -> broker.nodeId() == victim.nodeId()).findFirst();
                if (registered.isEmpty() && unregistered.isEmpty()) {
                    unregistered = Optional.of(since);
                }
                if (fenced.isEmpty() && registered.filter(ClusterHealth.Broker::fenced).isPresent()) {
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
        List<String> notes = List.of(
                fenced.map(after -> "fenced by the controller " + DrillTable.seconds(after) + " after the cut")
                        .orElse("not fenced while cut off (" + hold.toSeconds() + " s)"),
                leaderless.map(after -> "led no partition of '" + topic + "' " + DrillTable.seconds(after)
                        + " after the cut").orElse("still led partitions of '" + topic + "' when reconnected"));
        return new Watch(notes, unregistered.map(after -> List.of(victim.name() + " was unregistered "
                + DrillTable.seconds(after) + " after the cut although its process ran: only Kafka's session"
                + " timeout may fence a live broker")).orElse(List.of()));
    }
}
