package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.util.Optional;

/**
 * SIGSTOP the broker leading the most partitions, SIGCONT it later: a long GC pause or a frozen VM. The process
 * is alive, so only Kafka's session timeout fences it; producers stall until then.
 */
final class BrokerPause implements Fault {
    @Override
    public String name() {
        return "broker-pause";
    }

    @Override
    public String description() {
        return "SIGSTOP the broker leading the most partitions for --pause-seconds, then SIGCONT";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        return BrokerChoice.tooFewToFailOver(target);
    }

    @Override
    public Optional<String> notPossibleOn(DrillTarget target) {
        return target.cannotPause();
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        ClusterHealth health = target.health();
        DrillNode victim = BrokerChoice.byLeadership(health, context.settings().topic(), target.brokers()).get(0);
        String victimText = BrokerChoice.describe(health, context.settings().topic(), victim);
        context.say("SIGSTOP " + victimText + " for " + context.settings().pauseFor().toSeconds() + " s");
        target.pause(victim);
        long repair;
        try {
            DrillContext.hold(context.settings().pauseFor());
        } finally {
            repair = System.nanoTime();
            target.resume(victim);
        }
        context.say("SIGCONT " + victim.name());
        return Injection.of("SIGSTOP " + victimText + " for " + context.settings().pauseFor().toSeconds()
                + " s, then SIGCONT", repair);
    }
}
