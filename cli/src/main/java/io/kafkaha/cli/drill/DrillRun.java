package io.kafkaha.cli.drill;

import io.kafkaha.core.kafka.ClusterHealth;
import io.kafkaha.core.kafka.HealthVerdict;
import io.kafkaha.core.verify.VerificationReport;
import io.kafkaha.core.verify.VerificationRun;
import io.kafkaha.core.verify.Verifier;
import io.kafkaha.core.verify.VerifierException;
import io.kafkaha.core.verify.VerifierSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs faults one after another, each under its own verification run (acks=all, idempotent, at the drill's rate):
 * waits until the cluster is fully redundant, starts the verifier, lets it write a quarter of its records (so
 * records from before the fault are judged too), injects the fault, which undoes itself, waits until the
 * cluster is fully redundant again (the time to recover), lets the verifier reach its record count, and judges.
 */
public final class DrillRun {
    private static final Duration POLL = Duration.ofMillis(250);
    /** The verifier stops producing when the drill says so; this only caps a run that was never stopped. */
    private static final Duration PRODUCE_CAP = Duration.ofHours(6);
    /** Long enough for the consumer to catch up after a cold restart of the whole cluster. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    private final DrillTarget target;
    private final DrillSettings settings;
    private final Consumer<String> progress;
    /** Set once the cluster was seen not fully redundant for a whole recover timeout: why the rest is skipped. */
    private Optional<String> leftUnhealthy = Optional.empty();

    public DrillRun(DrillTarget target, DrillSettings settings, Consumer<String> progress) {
        this.target = target;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Every fault in order; {@code each} sees each result as soon as it is known. Once the cluster stays short of
     * full redundancy for a whole recover timeout, the remaining faults are not injected: harming a cluster that
     * has not recovered proves nothing, and waiting for it again would only repeat the same timeout.
     */
    public List<FaultResult> run(List<Fault> faults, Consumer<FaultResult> each) throws InterruptedException {
        List<FaultResult> results = new ArrayList<>();
        for (Fault fault : faults) {
            FaultResult result = runOne(fault);
            results.add(result);
            each.accept(result);
        }
        return results;
    }

    FaultResult runOne(Fault fault) throws InterruptedException {
        Optional<String> notPossible = fault.notPossibleOn(target);
        if (notPossible.isPresent()) {
            return FaultResult.skipped(fault.name(), notPossible.get());
        }
        Optional<String> impossible = fault.cannotRunOn(target);
        if (impossible.isPresent()) {
            return FaultResult.notInjected(fault.name(), impossible.get());
        }
        if (leftUnhealthy.isPresent()) {
            return FaultResult.notInjected(fault.name(), "skipped: " + leftUnhealthy.get());
        }
        progress.accept(fault.name() + ": waiting for the cluster to be fully redundant");
        Optional<String> unhealthy = awaitFullyRedundant(System.nanoTime());
        if (unhealthy.isPresent()) {
            leftUnhealthy = Optional.of("the cluster was not fully redundant before " + fault.name());
            return FaultResult.notInjected(fault.name(), "the cluster is not fully redundant before the fault ("
                    + unhealthy.get() + ")");
        }
        VerifierSettings verifierSettings = new VerifierSettings(target.bootstrapServers(), settings.topic(),
                PRODUCE_CAP, settings.rate(), DRAIN_TIMEOUT);
        List<String> errors = new ArrayList<>();
        Optional<Injection> injection = Optional.empty();
        Optional<Duration> recovered = Optional.empty();
        try (VerificationRun run = Verifier.start(verifierSettings)) {
            String warmUp = awaitSent(run, settings.warmUpRecords(), warmUpTimeout());
            if (!warmUp.isEmpty()) {
                errors.add("not injected: " + warmUp);
                run.stopProducing();
                return new FaultResult(fault.name(), Optional.empty(), report(run, errors), Optional.empty(),
                        errors);
            }
            progress.accept(fault.name() + ": " + run.acknowledged() + " records acknowledged; injecting");
            DrillContext context = new DrillContext(settings, run::acknowledged,
                    line -> progress.accept(fault.name() + ": " + line));
            try {
                injection = Optional.of(fault.inject(target, context));
            } catch (RuntimeException failed) {
                errors.add("not injected or not undone: " + failed.getMessage());
            }
            long repaired = injection.map(Injection::repairedAtNanos).orElse(System.nanoTime());
            Optional<String> stillBroken = awaitFullyRedundant(repaired);
            if (stillBroken.isEmpty()) {
                recovered = Optional.of(Duration.ofNanos(System.nanoTime() - repaired));
                progress.accept(fault.name() + ": fully redundant again " + DrillTable.seconds(recovered.get())
                        + " after the repair");
            } else {
                errors.add("not fully redundant " + settings.recoverTimeout().toSeconds() + " s after the repair ("
                        + stillBroken.get() + ")");
                leftUnhealthy = Optional.of("the cluster did not become fully redundant again after " + fault.name());
            }
            // Records after the recovery show writes work again; at least a second's worth.
            long goal = Math.max(settings.recordsPerFault(), completed(run) + settings.rate());
            String rest = awaitSent(run, goal, Duration.ofSeconds(goal / settings.rate() + 60));
            if (!rest.isEmpty()) {
                errors.add(rest);
            }
            run.stopProducing();
            progress.accept(fault.name() + ": " + completed(run) + " sends done; draining");
            return new FaultResult(fault.name(), injection, report(run, errors), recovered, errors);
        }
    }

    private Optional<VerificationReport> report(VerificationRun run, List<String> errors)
            throws InterruptedException {
        try {
            return Optional.of(run.awaitReport());
        } catch (VerifierException failed) {
            errors.add("the verifier failed: " + failed.getMessage());
            return Optional.empty();
        }
    }

    private static long completed(VerificationRun run) {
        return run.acknowledged() + run.failedSends();
    }

    private Duration warmUpTimeout() {
        return Duration.ofSeconds(settings.warmUpRecords() / settings.rate() + 60);
    }

    /** Empty once {@code count} sends are acknowledged or failed; else why not. */
    private static String awaitSent(VerificationRun run, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed(run) < count) {
            if (run.isDone()) {
                return "the verifier ended after " + completed(run) + " of " + count + " sends";
            }
            if (System.nanoTime() > deadline) {
                return "only " + completed(run) + " of " + count + " sends done within " + timeout.toSeconds() + " s";
            }
            Thread.sleep(POLL.toMillis());
        }
        return "";
    }

    /** Empty once the cluster is fully redundant (per {@link HealthVerdict}); else the last problem seen. */
    private Optional<String> awaitFullyRedundant(long fromNanos) throws InterruptedException {
        long deadline = fromNanos + settings.recoverTimeout().toNanos();
        List<Integer> brokers = target.brokers().stream().map(DrillNode::nodeId).toList();
        List<Integer> controllers = target.controllers().stream().map(DrillNode::nodeId).toList();
        String lastSeen = "no broker answered";
        while (true) {
            try {
                ClusterHealth health = target.health();
                HealthVerdict verdict = HealthVerdict.judge(health, brokers, controllers);
                if (verdict.isFullyRedundant()) {
                    return Optional.empty();
                }
                lastSeen = verdict.summary();
            } catch (FaultNotInjected unreachable) {
                lastSeen = unreachable.getMessage();
            }
            if (System.nanoTime() > deadline) {
                return Optional.of(lastSeen);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
