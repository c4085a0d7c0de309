package io.kafkaha.operator.runtime;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kafkaha.api.v1beta1.KafkaCluster;
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
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
