package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SIGKILL two brokers, leaving one of three replicas: below {@code min.insync.replicas} (2), so acks=all writes
 * must be refused, never acknowledged, until a second broker is back. Checked twice while they are down: the
 * verifier's acknowledged count must not move (after a second for answers already on their way), and probe
 * writes without retries must come back refused or unanswered (they stay down until Kafka has refused one, at
 * most {@link #REFUSAL_WAIT}). Nothing written before may be lost.
 */
final class TwoBrokersDown implements Fault {
    /** Answers to writes the cluster completed before the kill may still arrive this long after it. */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(1);
    /**
     * The brokers stay down past --down-seconds until Kafka has refused a probe (it refuses once the controller
     * has taken them out of the ISR: at once with fast fencing, after the session timeout without), at most this.
     */
    static final Duration REFUSAL_WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "two-brokers-down";
    }

    @Override
    public String description() {
        return "SIGKILL two brokers: acks=all writes must be refused, not acknowledged, until they are back";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        return target.brokers().size() < 3 ? Optional.of("needs at least 3 brokers (one stays up)")
                : Optional.empty();
    }

    /**
     * Its checks need the two brokers held down until it says so: where they come back by themselves, writes may
     * rightly be acknowledged again mid-check, and a refusal window of unknown length proves nothing.
     */
    @Override
    public Optional<String> notPossibleOn(DrillTarget target) {
        return target.cannotKeepDown().map(why -> "it must hold two brokers down while it checks that writes are"
                + " refused, but " + why);
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        ClusterHealth health = target.health();
        List<DrillNode> victims = BrokerChoice.byLeadership(health, context.settings().topic(), target.brokers())
                .subList(0, 2);
        String names = victims.stream().map(DrillNode::name).collect(Collectors.joining(" and "));
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long repair;
        long killed;
        try (WriteProbe probe = new WriteProbe(target.bootstrapServers(), context.settings().topic())) {
            context.say(target.killWord() + " " + names);
            target.kill(victims);
            killed = System.nanoTime();
            Thread.sleep(IN_FLIGHT_GRACE.toMillis());
            long ackedBefore = context.acknowledged().getAsLong();
            Map<String, Integer> answers = new TreeMap<>();
            long windowEnd = killed + Math.max(context.settings().downFor().toNanos(),
                    IN_FLIGHT_GRACE.toNanos() * 2);
            long refusalDeadline = killed + REFUSAL_WAIT.toNanos();
            boolean refused = false;
            do {
                WriteProbe.Outcome outcome = probe.attempt();
                refused |= outcome.answer() == WriteProbe.Answer.REFUSED;
                String key = switch (outcome.answer()) {
                    case ACKNOWLEDGED -> "acknowledged";
                    case REFUSED -> "refused (" + outcome.error() + ")";
                    case NO_ANSWER -> "no answer in time";
                };
                answers.merge(key, 1, Integer::sum);
            } while (System.nanoTime() < windowEnd || !refused && System.nanoTime() < refusalDeadline);
            long ackedDuring = context.acknowledged().getAsLong() - ackedBefore;
            long windowSeconds = (System.nanoTime() - killed - IN_FLIGHT_GRACE.toNanos()) / 1_000_000_000L;
            if (ackedDuring > 0) {
                violations.add(ackedDuring + " verifier records acknowledged in the " + windowSeconds
                        + " s with one broker of three: acks=all must refuse them");
            }
            if (answers.containsKey("acknowledged")) {
                violations.add(answers.get("acknowledged") + " probe writes acknowledged with one broker of three");
            }
            notes.add("while down: " + ackedDuring + " verifier records acknowledged in " + windowSeconds
                    + " s; probe writes: " + answers.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
            repair = System.nanoTime();
        }
        context.say("starting " + names + " again");
        target.start(victims, context.settings().recoverTimeout());
        return new Injection(target.killWord() + " " + names + " (1 of 3 replicas left), down "
                + (repair - killed) / 1_000_000_000L + " s, started again", repair, violations, notes);
    }
}
