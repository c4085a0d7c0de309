package io.kafkaha.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {
    private static final String RETRY = " (" + ReconcileFailure.RETRY + ")";

    @Test
    void aWorkflowFailureNamesEachFailedObjectInOneLine() {
        Map<String, Exception> failures = new LinkedHashMap<>();
        failures.put("io.kafkaha.operator.reconciler.NodeStatefulSetDependent$Brokers",
                new NumberFormatException("Character a is neither a decimal digit number\n\tat io.fabric8.Quantity"));
        failures.put("io.kafkaha.operator.reconciler.ConfigMapDependent", new KubernetesClientException(
                new StatusBuilder().withCode(403).withMessage("configmaps \"kafka-config\" is forbidden: User"
                        + " \"op\" cannot update resource \"configmaps\"").build()));

        String message = ReconcileFailure.message(new AggregatedOperatorException(
                "Exception(s) during workflow execution.", failures));

        assertThat(message).isEqualTo("NodeStatefulSet of the brokers: NumberFormatException: Character a is"
                + " neither a decimal digit number; configmaps \"kafka-config\" is forbidden: User \"op\" cannot"
                + " update resource \"configmaps\" (HTTP 403); the operator's service account needs the kafka-ha"
                + " RBAC rules (docs/operator.md)" + RETRY);
    }

    @Test
    void aCauseWithItsOwnMessageIsQuotedWithoutWhatItWraps() {
        IllegalStateException own = new IllegalStateException("ConfigMap ns/x-cluster-id exists without cluster-id;"
                + " add it", new KubernetesClientException("Failure executing: POST at: https://h/api ... 409"));

        assertThat(ReconcileFailure.message(own)).isEqualTo("ConfigMap ns/x-cluster-id exists without cluster-id;"
                + " add it" + RETRY);
        assertThat(ReconcileFailure.message(new OperatorException(own))).isEqualTo(ReconcileFailure.message(own));
        assertThat(ReconcileFailure.message(new RuntimeException(new IllegalArgumentException("bad value"))))
                .isEqualTo("bad value" + RETRY);
    }

    @Test
    void anUnreachableApiServerIsSaidSoAndLongMessagesAreCut() {
        KubernetesClientException unreachable = new KubernetesClientException("Operation: [create] failed",
                new IOException("wrapped", new ConnectException("Connection refused")));

        assertThat(ReconcileFailure.message(unreachable))
                .isEqualTo("cannot reach the Kubernetes API: Connection refused" + RETRY);
        assertThat(ReconcileFailure.message(new IllegalStateException("x".repeat(1000))))
                .hasSize(300 + RETRY.length()).endsWith("..." + RETRY);
        assertThat(ReconcileFailure.message(new NullPointerException())).isEqualTo("NullPointerException" + RETRY);
    }

    @Test
    void dependentsReadAsTheObjectsTheyMake() {
        assertThat(ReconcileFailure.objectOf("io.kafkaha.operator.reconciler.HeadlessServiceDependent$Controllers"))
                .isEqualTo("HeadlessService of the controllers");
        assertThat(ReconcileFailure.objectOf("io.kafkaha.operator.reconciler.BootstrapServiceDependent"))
                .isEqualTo("BootstrapService");
    }
}
