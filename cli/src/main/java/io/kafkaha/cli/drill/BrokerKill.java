package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.util.List;
import java.util.Optional;

/** SIGKILL the broker leading the most partitions, keep it down, start it again: a crashed machine or container. */
final class BrokerKill implements Fault {
    @Override
    public String name() {
        return "broker-kill";
    }

    @Override
    public String description() {
        return "SIGKILL the broker leading the most partitions, start it again after --down-seconds";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        return BrokerChoice.tooFewToFailOver(target);
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        ClusterHealth health = target.health();
        DrillNode victim = BrokerChoice.byLeadership(health, context.settings().topic(), target.brokers()).get(0);
        String victimText = BrokerChoice.describe(health, context.settings().topic(), victim);
        context.say(target.killWord() + " " + victimText);
        target.kill(List.of(victim));
        String down = context.holdDown(target);
        long repair = System.nanoTime();
        context.say("starting " + victim.name() + " again");
        target.start(List.of(victim), context.settings().recoverTimeout());
        return Injection.of(target.killWord() + " " + victimText + ", " + down + ", started again", repair);
    }
}
