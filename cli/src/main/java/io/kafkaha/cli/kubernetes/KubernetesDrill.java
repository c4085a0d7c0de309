package io.kafkaha.cli.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.kafkaha.cli.UserError;
import io.kafkaha.operator.runtime.KubernetesConfigs;
import io.kafkaha.operator.runtime.OperatorStartupException;
import java.nio.file.Path;

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
     * @param kubeconfig a kubeconfig file, or null for $KUBECONFIG, ~/.kube/config or the pod's service account
     * @param context    a context of it, or null for the current one
     * @param bootstrap  where to reach Kafka, or null for the cluster's bootstrap Service
     */
    public record Options(String name, String namespace, Path kubeconfig, String context, String bootstrap) {
    }

    public static KubernetesDrill open(Options options) {
        Config config;
        try {
            // No retries: an unreachable API server is reported in seconds; the drill polls pods itself.
            config = KubernetesConfigs.withoutRetries(KubernetesConfigs.load(options.kubeconfig(), options.context()));
        } catch (OperatorStartupException e) {
            throw new UserError(e.getMessage(), e);
        }
        String namespace = options.namespace() != null ? options.namespace()
                : config.getNamespace() != null ? config.getNamespace() : "default";
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
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
