package io.kafkaha.cli.drill;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** SIGKILL the active controller (the quorum's leader), start it again: the quorum must elect another. */
final class ControllerKill implements Fault {
    static final Duration ELECTION_WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "controller-kill";
    }

    @Override
    public String description() {
        return "SIGKILL the active controller (the quorum leader), start it again after --down-seconds";
    }

    @Override
    public Optional<String> cannotRunOn(DrillTarget target) {
        return target.controllers().isEmpty() ? Optional.of("the cluster has no dedicated controllers")
                : Optional.empty();
    }

    @Override
    public Injection inject(DrillTarget target, DrillContext context) throws InterruptedException {
        int leaderId = target.health().quorumLeaderId();
        DrillNode active = target.controllers().stream().filter(node -> node.nodeId() == leaderId).findFirst()
                .orElseThrow(() -> new FaultNotInjected(leaderId < 0 ? "the controller quorum has no leader"
                        : "the quorum's leader, node " + leaderId + ", is none of the cluster's controllers"));
        context.say(target.killWord() + " the active controller " + active.name());
        target.kill(List.of(active));
        String down = context.holdDown(target);
        long repair = System.nanoTime();
        int newLeader = awaitAnotherLeader(target, leaderId);
        context.say("quorum leader now node " + newLeader + "; starting " + active.name() + " again");
        target.start(List.of(active), context.settings().recoverTimeout());
        return Injection.of(target.killWord() + " active controller " + active.name() + ", " + down
                + " (new leader: node " + newLeader + "), started again", repair);
    }

    /**
     * The quorum's leader now; where the node was not held down (Kubernetes), once it is another node than the killed
     * one, or the same after {@link #ELECTION_WAIT}: right after the kill the election may not have happened yet.
     */
    private static int awaitAnotherLeader(DrillTarget target, int killed) throws InterruptedException {
        long deadline = System.nanoTime() + (target.cannotKeepDown().isPresent() ? ELECTION_WAIT.toNanos() : 0);
        int leader = target.health().quorumLeaderId();
        while (leader == killed && System.nanoTime() < deadline) {
            Thread.sleep(250);
            leader = target.health().quorumLeaderId();
        }
        return leader;
    }
}
