package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.kafkaha.api.v1beta1.KafkaClusterStatus;
import io.kafkaha.api.v1beta1.SpecProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects what one reconciliation found wrong (a refused spec, nodes not ready, an error) and turns it into the
 * status conditions:
 * <ul>
 *   <li>{@code SpecValid}: True ({@value #ACCEPTED}) or False ({@value #INVALID_SPEC}, the message names every
 *       field and what to do);</li>
 *   <li>{@code Ready}: True ({@value #ALL_NODES_READY}) when every desired node is ready and runs the current
 *       spec, otherwise False with the first of {@value #RECONCILE_FAILED}, {@value #INVALID_SPEC},
 *       {@value #ROLLING}, {@value #NODES_NOT_READY};</li>
 *   <li>{@code Rolling}: True while pods run an outdated revision (reason Restarting, Waiting or Stalled, the
 *       message says what happens in words), False (UpToDate) once every pod runs the current spec; kept from
 *       the previous status when this reconciliation did not look at the pods;</li>
 *   <li>{@code ControllerQuorum}: True ({@code AsSpecified}) when the KRaft voters are the controllers the spec
 *       asks for, False ({@code Changing} or {@code Waiting}) while the operator moves them one voter at a time;
 *       kept from the previous status when this reconciliation did not look;</li>
 *   <li>{@code Warnings}: True ({@value #RISKY_SETTINGS}) listing the applied spec's risky settings, False
 *       ({@value #NO_RISKY_SETTINGS}) when it has none; kept from the previous status while a spec is refused
 *       (the cluster still runs the one applied before).</li>
 * </ul>
 * Every condition carries the generation it describes; its {@code lastTransitionTime} is kept from the previous
 * status unless the condition's status changes.
 */
final class ClusterStatusAggregator {
    static final String SPEC_VALID = "SpecValid";
    static final String ACCEPTED = "SpecAccepted";
    static final String INVALID_SPEC = "InvalidSpec";
    static final String ALL_NODES_READY = "AllNodesReady";
    static final String NODES_NOT_READY = "NodesNotReady";
    static final String RECONCILE_FAILED = "ReconcileFailed";
    static final String ROLLING = "RollingRestart";
    static final String RISKY_SETTINGS = "RiskySettings";
    static final String NO_RISKY_SETTINGS = "NoRiskySettings";

    private final KafkaClusterStatus previous;
    private final Long generation;
    private final Clock clock;
    private final List<SpecProblem> refusals = new ArrayList<>();
    private final List<String> notReady = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private List<SpecProblem> warnings;
    private boolean specChecked;
    private Condition rolling;
    private Condition quorum;
    private Condition brokerScaling;
    private String rollMessage;
    private String readyMessage = "all nodes ready";

    ClusterStatusAggregator(KafkaClusterStatus previous, Long generation, Clock clock) {
        this.previous = previous == null ? new KafkaClusterStatus() : previous;
        this.generation = generation;
        this.clock = clock;
    }

    ClusterStatusAggregator specChecked(List<SpecProblem> problems) {
        specChecked = true;
        refusals.addAll(problems);
        return this;
    }

    /** The risky settings of the spec being applied; not called for a refused spec. */
    ClusterStatusAggregator warnings(List<SpecProblem> risky) {
        warnings = List.copyOf(risky);
        return this;
    }

    ClusterStatusAggregator notReady(String message) {
        notReady.add(message);
        return this;
    }

    ClusterStatusAggregator error(String message) {
        errors.add(message);
        return this;
    }

    /** The roll's state this reconciliation; while it rolls, Ready is False with its message. */
    ClusterStatusAggregator rolling(boolean inProgress, String reason, String message) {
        rolling = condition(KafkaClusterStatus.ROLLING, inProgress, reason, message);
        rollMessage = inProgress ? message : null;
        return this;
    }

    /** The controller quorum this reconciliation: True when its voters are the spec's controllers. */
    ClusterStatusAggregator quorum(boolean asSpecified, String reason, String message) {
        quorum = condition(KafkaClusterStatus.CONTROLLER_QUORUM, asSpecified, reason, message);
        return this;
    }

    /** The broker count this reconciliation: True when the brokers are the spec's and no partition moves. */
    ClusterStatusAggregator brokerScaling(boolean asSpecified, String reason, String message) {
        brokerScaling = condition(KafkaClusterStatus.BROKER_SCALING, asSpecified, reason, message);
        return this;
    }

    ClusterStatusAggregator readyMessage(String message) {
        readyMessage = message;
        return this;
    }

    boolean isReady() {
        return refusals.isEmpty() && notReady.isEmpty() && errors.isEmpty() && rollMessage == null;
    }

    /** Sets the conditions of {@code status} (whose other fields the caller filled in) and returns it. */
    KafkaClusterStatus conditionsOn(KafkaClusterStatus status) {
        List<Condition> conditions = new ArrayList<>();
        if (specChecked) {
            conditions.add(refusals.isEmpty()
                    ? condition(SPEC_VALID, true, ACCEPTED, "the spec is applied")
                    : condition(SPEC_VALID, false, INVALID_SPEC, refusalMessage()));
        } else {
            previous.condition(SPEC_VALID).ifPresent(conditions::add);
        }
        if (!errors.isEmpty()) {
            conditions.add(condition(KafkaClusterStatus.READY, false, RECONCILE_FAILED, String.join("; ", errors)));
        } else if (!refusals.isEmpty()) {
            conditions.add(condition(KafkaClusterStatus.READY, false, INVALID_SPEC, refusalMessage()));
        } else if (rollMessage != null) {
            conditions.add(condition(KafkaClusterStatus.READY, false, ROLLING, "rolling restart: " + rollMessage
                    + (notReady.isEmpty() ? "" : "; " + String.join("; ", notReady))));
        } else if (!notReady.isEmpty()) {
            conditions.add(condition(KafkaClusterStatus.READY, false, NODES_NOT_READY, String.join("; ", notReady)));
        } else {
            conditions.add(condition(KafkaClusterStatus.READY, true, ALL_NODES_READY, readyMessage));
        }
        if (rolling != null) {
            conditions.add(rolling);
        } else {
            previous.condition(KafkaClusterStatus.ROLLING).ifPresent(conditions::add);
        }
        if (quorum != null) {
            conditions.add(quorum);
        } else {
            previous.condition(KafkaClusterStatus.CONTROLLER_QUORUM).ifPresent(conditions::add);
        }
        if (brokerScaling != null) {
            conditions.add(brokerScaling);
        } else {
            previous.condition(KafkaClusterStatus.BROKER_SCALING).ifPresent(conditions::add);
        }
        if (warnings != null) {
            conditions.add(warnings.isEmpty()
                    ? condition(KafkaClusterStatus.WARNINGS, false, NO_RISKY_SETTINGS, "no risky settings")
                    : condition(KafkaClusterStatus.WARNINGS, true, RISKY_SETTINGS, "risky settings (allowed): "
                            + String.join("; ", warnings.stream().map(SpecProblem::toString).toList())));
        } else {
            previous.condition(KafkaClusterStatus.WARNINGS).ifPresent(conditions::add);
        }
        status.setConditions(conditions);
        return status;
    }

    private String refusalMessage() {
        return "spec refused, nothing was changed on the running cluster: "
                + String.join("; ", refusals.stream().map(SpecProblem::toString).toList());
    }

    private Condition condition(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        Optional<Condition> before = previous.condition(type);
        String since = before.filter(c -> Objects.equals(c.getStatus(), value))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
    }
}
