package io.kafkaha.cli.drill;

import io.kafkaha.core.verify.VerificationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One fault's outcome. It passes when the fault was injected and undone, the cluster was fully redundant again
 * within the timeout, the verifier found nothing lost, duplicated or reordered, and the fault's own checks held.
 *
 * @param fault     the fault's name
 * @param injection what was done, empty if the fault could not be injected
 * @param report    the verifier's report, empty if the verification could not run
 * @param recovered from the repair until the cluster was fully redundant; empty if it was not in time
 * @param errors    what went wrong with the drill itself: not injected, not recovered, verifier failed
 * @param skipped   why the runtime cannot do this fault at all, if so: skipped, which is not a failure
 */
public record FaultResult(String fault, Optional<Injection> injection, Optional<VerificationReport> report,
                          Optional<Duration> recovered, List<String> errors, Optional<String> skipped) {
    public FaultResult {
        errors = List.copyOf(errors);
    }

    public FaultResult(String fault, Optional<Injection> injection, Optional<VerificationReport> report,
                       Optional<Duration> recovered, List<String> errors) {
        this(fault, injection, report, recovered, errors, Optional.empty());
    }

    public static FaultResult skipped(String fault, String reason) {
        return new FaultResult(fault, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.of(reason));
    }

    public static FaultResult notInjected(String fault, String reason) {
        return new FaultResult(fault, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("not injected: " + reason));
    }

    /** Passed, or skipped because the runtime cannot do it. */
    public boolean passed() {
        return skipped.isPresent() || errors.isEmpty() && injection.isPresent()
                && injection.get().violations().isEmpty() && report.isPresent() && report.get().passed()
                && recovered.isPresent();
    }

    /** Everything that made it fail, one line each. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>(errors);
        injection.ifPresent(done -> failures.addAll(done.violations()));
        report.filter(verdict -> !verdict.passed()).ifPresent(verdict -> failures.add("the verifier found "
                + verdict.lost() + " lost, " + verdict.duplicates() + " duplicated, " + verdict.orderViolations()
                + " reordered, " + verdict.offsetConflicts() + " rewritten offsets"));
        return failures;
    }
}
