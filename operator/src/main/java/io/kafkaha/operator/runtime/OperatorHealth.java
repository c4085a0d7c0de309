package io.kafkaha.operator.runtime;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the probes report: live once the operator has started; ready while its informers are healthy as well. */
public interface OperatorHealth {
    /** One probe's answer and a short, human-readable reason. */
    record Verdict(boolean ok, String message) {
    }

    Verdict liveness();

    Verdict readiness();

    /** The health of a JOSDK operator, from its {@link RuntimeInfo}. */
    static OperatorHealth of(Operator operator) {
        return new OperatorHealth() {
            @Override
            public Verdict liveness() {
                return operator.getRuntimeInfo().isStarted() ? new Verdict(true, "ok: operator started")
                        : new Verdict(false, "operator not started");
            }

            @Override
            public Verdict readiness() {
                RuntimeInfo runtime = operator.getRuntimeInfo();
                if (!runtime.isStarted()) {
                    return new Verdict(false, "operator not started");
                }
                if (runtime.allEventSourcesAreHealthy()) {
                    return new Verdict(true, "ok: all informers synced and watching");
                }
                return new Verdict(false, "unhealthy event sources: " + describe(runtime.unhealthyEventSources()));
            }
        };
    }

    /** {@code controller/eventSource} names, sorted. */
    private static String describe(Map<String, ? extends Map<String, ?>> byController) {
        return new TreeMap<>(byController).entrySet().stream()
                .flatMap(controller -> controller.getValue().keySet().stream().sorted()
                        .map(source -> controller.getKey() + "/" + source))
                .collect(Collectors.joining(", "));
    }
}
