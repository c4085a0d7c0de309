package io.kafkaha.cli.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kafkaha.cli.KubeconfigOptions;
import io.kafkaha.cli.UserError;
import io.kafkaha.operator.runtime.KubernetesConfigs;
import io.kafkaha.operator.runtime.OperatorStartupException;

/**
 * {@code drill --kubernetes}: the Kubernetes client of the kubeconfig (as kubectl finds it) and the named
 * KafkaCluster as the drill's target, closed together. Refuses with what to fix when the kubeconfig does not load,
 * the API server does not answer or refuses, or there is no such KafkaCluster.
 */
public final class KubernetesDrill implements AutoCloseable {
    private final KubernetesClient client;
    private final KubernetesDrillTarget target;

    private KubernetesDrill(KubernetesClient client, KubernetesDrillTarget target) {
        this.client = client;
        this.target = target;
    }

    /**
     * @param name       the KafkaCluster, as the user named it
     * @param namespace  its namespace, or null for the kubeconfig context's
     * @param kubeconfig the kubeconfig and context, as given or as kubectl finds them
     * @param bootstrap  where to reach Kafka, or null for the cluster's bootstrap Service
     */
    public record Options(String name, String namespace, KubeconfigOptions kubeconfig, String bootstrap) {
    }

    public static KubernetesDrill open(Options options) {
        Config config;
        try {
            // No retries: an unreachable API server is reported in seconds; the drill polls pods itself.
            config = KubernetesConfigs.withoutRetries(options.kubeconfig().load());
        } catch (OperatorStartupException e) {
            throw new UserError(e.getMessage(), e);
        }
        String namespace = options.namespace() != null ? options.namespace()
                : config.getNamespace() != null ? config.getNamespace() : "default";
        KubernetesClient client = KubeconfigOptions.client(config);
        try {
            return new KubernetesDrill(client, KubernetesDrillTarget.open(client, namespace, options.name(),
                    options.bootstrap()));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public KubernetesDrillTarget target() {
        return target;
    }

    @Override
    public void close() {
        try {
            target.close();
        } finally {
            client.close();
        }
    }
}
