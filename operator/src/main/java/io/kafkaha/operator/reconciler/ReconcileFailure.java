package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The Ready condition's message for a failed reconciliation: one line saying what failed (the object, the API's
 * answer or the cause's own message) instead of the exception's text, which for a failed workflow is JOSDK's
 * "Exception(s) during workflow execution" with every stack trace in it. A condition is read in
 * {@code kubectl describe}; the stack trace is in the operator's log, where JOSDK logs every failed reconciliation.
 */
final class ReconcileFailure {
    static final String RETRY = "the operator retries; its log has the details";
    private static final int MAX_LENGTH = 300;
    /** Exceptions whose own message is clear without their class name. */
    private static final Set<Class<?>> SELF_EXPLAINING = Set.of(IllegalStateException.class,
            IllegalArgumentException.class);

    private ReconcileFailure() {
    }

    static String message(Exception e) {
        String what;
        if (e instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            what = aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(ReconcileFailure::dependentFailure).collect(Collectors.joining("; "));
        } else {
            what = describe(cause(e));
        }
        return shortened(what) + " (" + RETRY + ")";
    }

    private static String dependentFailure(Map.Entry<String, Exception> failure) {
        Throwable cause = cause(failure.getValue());
        return cause instanceof KubernetesClientException ? describe(cause)
                : objectOf(failure.getKey()) + ": " + describe(cause);
    }

    /** The first exception in the chain that says something itself rather than wrapping another. */
    private static Throwable cause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable e) {
        return e instanceof OperatorException || e instanceof ExecutionException || e instanceof CompletionException
                || e.getMessage() == null || e.getMessage().equals(e.getCause().toString());
    }

    private static String describe(Throwable e) {
        if (e instanceof KubernetesClientException api) {
            return apiFailure(api);
        }
        String message = firstLine(e.getMessage());
        if (message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return SELF_EXPLAINING.contains(e.getClass()) ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** {@code statefulsets kafka-broker: <the API server's message> (HTTP 422)}, plus the fix for a 403. */
    private static String apiFailure(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "cannot reach the Kubernetes API: " + (firstLine(root.getMessage()).isEmpty()
                    ? root.getClass().getSimpleName() : firstLine(root.getMessage()));
        }
        String object = e.getResourcePlural() == null ? "" : e.getResourcePlural()
                + (e.getName() == null ? "" : " " + e.getName()) + ": ";
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? firstLine(e.getStatus().getMessage()) : firstLine(e.getMessage());
        String fix = e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                ? "; the operator's service account needs the kafka-ha RBAC rules (docs/operator.md)" : "";
        return object + message + " (HTTP " + e.getCode() + ")" + fix;
    }

    /**
     * A dependent's name (JOSDK names it after its class, e.g. {@code ...NodeStatefulSetDependent$Brokers}) as the
     * object it makes: {@code NodeStatefulSet of the brokers}.
     */
    static String objectOf(String dependent) {
        String simple = dependent.substring(dependent.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        String kind = (nested < 0 ? simple : simple.substring(0, nested)).replace("Dependent", "");
        return nested < 0 ? kind : kind + " of the " + simple.substring(nested + 1).toLowerCase();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }

    private static String shortened(String message) {
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH - 3) + "...";
    }
}
