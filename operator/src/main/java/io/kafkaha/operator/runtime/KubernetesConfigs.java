package io.kafkaha.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client configuration the operator runs with: like kubectl, the current context of the kubeconfig
 * ({@code $KUBECONFIG} or {@code ~/.kube/config}) unless a file or context is named; inside a pod without a
 * kubeconfig, the pod's service account. Timeouts are short so that a wrong context fails in seconds, not minutes.
 */
public final class KubernetesConfigs {
    static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private KubernetesConfigs() {
    }

    /**
     * @param kubeconfig a kubeconfig file, or null for the default lookup (and the service account in a pod)
     * @param context    a context of that kubeconfig, or null for its current context
     */
    public static Config load(Path kubeconfig, String context) {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new OperatorStartupException("the kubeconfig file " + kubeconfig + " does not exist;"
                            + " name an existing file with --kubeconfig, or leave it out to use $KUBECONFIG or"
                            + " ~/.kube/config");
                }
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } else {
                config = Config.autoConfigure(context);
            }
        } catch (KubernetesClientException e) {
            throw new OperatorStartupException("cannot use the kubeconfig" + (kubeconfig == null ? "" : " "
                    + kubeconfig) + (context == null ? "" : " with context " + context) + ": " + e.getMessage()
                    + "; check kubectl config get-contexts", e);
        }
        if (context != null && !context.equals(currentContextName(config))) {
            throw new OperatorStartupException("the kubeconfig has no context " + context
                    + "; list the contexts with kubectl config get-contexts");
        }
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        return config;
    }

    /** The same configuration without retries: a start-up check should report a wrong address at once. */
    public static Config withoutRetries(Config config) {
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    private static String currentContextName(Config config) {
        return config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    }
}
