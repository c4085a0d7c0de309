package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.Set;

/**
 * The operator as the tests run it against fabric8's mock API server, which has no server-side apply: JOSDK writes
 * owned objects and the status without it ({@link OperatorPermissions#rules(boolean) rules(false)}).
 */
final class MockApiOperator {
    private MockApiOperator() {
    }

    /** Started, watching all namespaces. */
    static Operator start(KubernetesClient client, Clock clock) {
        Operator operator = KafkaHaOperator.create(client, Set.of(),
                new KafkaClusterReconciler(clock, KafkaHealthProbe.NONE),
                overrides -> overrides
                        .withSSABasedCreateUpdateMatchForDependentResources(false)
                        .withUseSSAToPatchPrimaryResource(false));
        operator.start();
        return operator;
    }

    /** The mock server logs every request through java.util.logging; hold the logger so the level sticks. */
    static java.util.logging.Logger quietMockServerLog() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
