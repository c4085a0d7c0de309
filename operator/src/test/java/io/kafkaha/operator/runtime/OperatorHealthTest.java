package io.kafkaha.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.operator.reconciler.KafkaClusterReconciler;
import io.kafkaha.operator.reconciler.KafkaHaOperator;
import io.kafkaha.operator.reconciler.KafkaHealthProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probes' view of a real JOSDK operator, against fabric8's CRUD mock API server. */
@EnableKubernetesMockClient(crud = true)
class OperatorHealthTest {
    private static final Path CRD = Path.of("..", "charts", "kafka-ha", "crds", "kafkaclusters.kafkaha.io-v1.yml");
    /** The mock server logs every request through java.util.logging; held so the level setting sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    KubernetesClient client;

    @Test
    void liveAndReadyOnceStartedWithSyncedInformers() {
        client.apiextensions().v1().customResourceDefinitions().load(CRD.toFile()).create();
        OperatorPreflight.check(client);
        // The mock server has no server-side apply; the health view does not depend on it.
        Operator operator = KafkaHaOperator.create(client, Set.of(),
                new KafkaClusterReconciler(Clock.systemUTC(), KafkaHealthProbe.NONE),
                overrides -> overrides.withSSABasedCreateUpdateMatchForDependentResources(false)
                        .withUseSSAToPatchPrimaryResource(false));
        OperatorHealth health = OperatorHealth.of(operator);

        assertThat(health.liveness()).isEqualTo(new OperatorHealth.Verdict(false, "operator not started"));
        assertThat(health.readiness()).isEqualTo(new OperatorHealth.Verdict(false, "operator not started"));
        operator.start();
        try {
            assertThat(health.liveness()).isEqualTo(new OperatorHealth.Verdict(true, "ok: operator started"));
            assertThat(health.readiness())
                    .isEqualTo(new OperatorHealth.Verdict(true, "ok: all informers synced and watching"));
        } finally {
            operator.stop();
        }
        assertThat(health.liveness().ok()).isFalse();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
