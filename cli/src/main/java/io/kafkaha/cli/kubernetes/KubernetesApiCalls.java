package io.kafkaha.cli.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The drill's calls to the Kubernetes API, with what went wrong said so that the user can fix it: a 403 names the
 * RBAC rules the drill needs, an unreachable server the kubeconfig to check.
 */
final class KubernetesApiCalls {
    /** Everything the drill does in the cluster's namespace. */
    static final String RBAC_NEEDED = "the drill needs, in the cluster's namespace: pods get, delete and"
            + " kafkaclusters.kafkaha.io get";
    private static final String CONTEXT_FIX = "check kubectl config current-context, or name another kubeconfig or"
            + " context with --kubeconfig / --context";

    private KubernetesApiCalls() {
    }

    /** Runs {@code call} ({@code what}: e.g. {@code delete pod kafka-broker-0}); a failure as {@code fail} words it. */
    static <T> T call(String url, String what, Supplier<T> call, Function<String, RuntimeException> fail) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw fail.apply(explain(url, what, e));
        }
    }

    static String explain(String url, String what, KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
            return "the Kubernetes API at " + url + " refused to " + what + " (HTTP 403); " + RBAC_NEEDED;
        }
        if (e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
            return "the Kubernetes API at " + url + " did not accept the credentials (HTTP 401); log in again or "
                    + CONTEXT_FIX;
        }
        if (e.getCode() > 0) {
            return "the Kubernetes API at " + url + " answered HTTP " + e.getCode() + " to " + what + ": "
                    + e.getMessage();
        }
        return "cannot reach the Kubernetes API at " + url + " (" + rootCause(e) + "); " + CONTEXT_FIX;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
