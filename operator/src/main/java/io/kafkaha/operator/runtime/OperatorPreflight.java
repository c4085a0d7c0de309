package io.kafkaha.operator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.Objects;

/**
 * Checks before the operator starts that it can work at all: the API server answers, accepts the credentials, and
 * serves the KafkaCluster API. Without these checks JOSDK would fail later with a stack trace about an informer.
 * The CRD is looked up through API discovery, which every authenticated user may read, rather than by reading the
 * CustomResourceDefinition, which the operator's service account need not be allowed to.
 */
public final class OperatorPreflight {
    static final String CRD_FIX = "kubectl apply -f charts/kafka-ha/crds/";
    private static final String CONTEXT_FIX = "check kubectl config current-context, or name another kubeconfig or"
            + " context with --kubeconfig / --context";

    private OperatorPreflight() {
    }

    /**
     * Returns the API server's version ({@code unknown} if it does not say) if everything is in place; throws a
     * fixable explanation otherwise.
     */
    public static String check(KubernetesClient client) {
        String url = client.getConfiguration().getMasterUrl();
        String version;
        try {
            version = Objects.requireNonNullElse(client.getKubernetesVersion().getGitVersion(), "unknown");
        } catch (KubernetesClientException e) {
            throw explain(e, url);
        }
        String groupVersion = HasMetadata.getApiVersion(KafkaCluster.class);
        String plural = HasMetadata.getPlural(KafkaCluster.class);
        APIResourceList resources;
        try {
            resources = client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw explain(e, url);
            }
            resources = null;
        }
        boolean served = resources != null && resources.getResources() != null
                && resources.getResources().stream().anyMatch(r -> plural.equals(r.getName()));
        if (!served) {
            throw new OperatorStartupException("the KafkaCluster CRD (" + HasMetadata.getFullResourceName(
                    KafkaCluster.class) + ", " + groupVersion + ") is not installed in the cluster at " + url
                    + "; install it with: " + CRD_FIX);
        }
        return version;
    }

    /**
     * Why {@code Operator.start()} failed, for the person running it: the API's refusal (with the RBAC fix for a
     * 403) or unreachability as {@link #check} words them, otherwise what failed and its root cause. Does not guess:
     * a failure that is neither says so, rather than blaming RBAC.
     */
    public static OperatorStartupException startFailure(RuntimeException e, String url) {
        KubernetesClientException api = null;
        for (Throwable cause = e; cause != null && api == null; cause = cause.getCause() == cause ? null
                : cause.getCause()) {
            if (cause instanceof KubernetesClientException found) {
                api = found;
            }
        }
        Throwable root = rootThrowable(e);
        boolean unreachable = root instanceof IOException && !(root instanceof JsonProcessingException);
        if (api != null && (api.getCode() > 0 || unreachable)) {
            return explain(api, url);
        }
        String what = firstLine(deepestOwnMessage(e, root));
        String why = firstLine(rootCause(e));
        return new OperatorStartupException("the operator could not start: " + (what.isEmpty() || what.equals(why)
                ? why : what + ": " + why) + "; the log above has the details", e);
    }

    /**
     * The innermost message that says what was being done, e.g. JOSDK's "Couldn't start informer for …", skipping
     * wrappers (whose message is their cause's text), the client's generic "An error has occurred." and the root.
     */
    private static String deepestOwnMessage(Throwable e, Throwable root) {
        String message = e.getMessage();
        for (Throwable cause = e; cause != null && cause != root; cause = cause.getCause()) {
            boolean wrapper = cause.getCause() != null && String.valueOf(cause.getCause()).equals(cause.getMessage());
            if (cause.getMessage() != null && !wrapper && !(cause instanceof KubernetesClientException)) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static OperatorStartupException explain(KubernetesClientException e, String url) {
        if (e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
            return new OperatorStartupException("the Kubernetes API at " + url + " did not accept the credentials"
                    + " (HTTP 401); log in again or " + CONTEXT_FIX, e);
        }
        if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
            return new OperatorStartupException("the Kubernetes API at " + url + " refused access (HTTP 403): "
                    + e.getStatus().getMessage() + "; the operator's user or service account needs the kafka-ha"
                    + " RBAC rules", e);
        }
        if (e.getCode() > 0) {
            return new OperatorStartupException("the Kubernetes API at " + url + " answered HTTP " + e.getCode()
                    + ": " + e.getMessage() + "; " + CONTEXT_FIX, e);
        }
        return new OperatorStartupException("cannot reach the Kubernetes API at " + url + ": " + rootCause(e)
                + "; " + CONTEXT_FIX, e);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = rootThrowable(e);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Throwable rootThrowable(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }
}
