package io.kafkaha.api.v1beta1;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.InvalidSpecException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A KafkaCluster checked and translated into the renderer's input: either a {@link ClusterSpec} or the problems
 * that stop it, each naming the field and what to do. A valid spec may carry warnings: settings that work but risk
 * data or availability (a refused one carries none: what runs is still the spec applied before).
 */
public record ValidatedSpec(ClusterSpec clusterSpec, List<SpecProblem> problems, List<SpecProblem> warnings) {
    public ValidatedSpec {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (problems.isEmpty() == (clusterSpec == null)) {
            throw new IllegalArgumentException("either a cluster spec or problems, not both or neither");
        }
        if (!problems.isEmpty() && !warnings.isEmpty()) {
            throw new IllegalArgumentException("a refused spec carries no warnings");
        }
    }

    public ValidatedSpec(ClusterSpec clusterSpec, List<SpecProblem> problems) {
        this(clusterSpec, problems, List.of());
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The renderer's input; throws {@link InvalidSpecException} listing the problems if there are any. */
    @Override
    public ClusterSpec clusterSpec() {
        if (!isValid()) {
            throw new InvalidSpecException(problems.stream().map(SpecProblem::toString).toList());
        }
        return clusterSpec;
    }

    /** All problems in one line, e.g. for a condition's message. Empty when valid. */
    public String message() {
        return problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    }
}
