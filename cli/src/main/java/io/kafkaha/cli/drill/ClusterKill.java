package io.kafkaha.cli.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SIGKILL every node at once and start them all again. The operating system keeps its page cache, so this is not
 * a power loss (see docs/durability.md); what it shows is that a cold restart recovers every acknowledged record.
 */
final class ClusterKill implements Fault {
    @Override
    public String name() {
        return "cluster-kill";
    }

    @Override
    public String description() {
        return "SIGKILL every node at once, start them all again after --down-seconds";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        return Optional.empty();
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        List<DrillNode> all = new ArrayList<>(target.controllers());
        all.addAll(target.brokers());
        context.say(target.killWord() + " all " + all.size() + " nodes");
        target.kill(all);
        String down = context.holdDown(target);
        long repair = System.nanoTime();
        context.say("starting all " + all.size() + " nodes again");
        target.start(all, context.settings().recoverTimeout());
        return Injection.of(target.killWord() + " all " + all.size() + " nodes at once, " + down
                + ", all started again", repair);
    }
}
