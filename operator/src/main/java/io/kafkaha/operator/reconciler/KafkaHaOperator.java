package io.kafkaha.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.kafkaha.operator.runtime.ReconcileTimes;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the kafka-ha {@link Operator}: the KafkaCluster reconciler on a given client, watching the given
 * namespaces (all when empty). Production runs with JOSDK's defaults, i.e. server-side apply for owned objects and
 * for the status; {@code overrides} lets tests adapt the configuration (e.g. a mock API server without SSA).
 */
public final class KafkaHaOperator {
    /**
     * Clusters reconciled at once. JOSDK's default of 50 threads each stays alive once started; the clusters'
     * work is mostly waiting on the API server, so a few threads serve dozens of clusters (bench/README.md,
     * footprint benchmark). In a pod a reconciliation may also wait on Kafka's Admin API, hence not fewer.
     */
    static final int RECONCILIATION_THREADS = 8;
    /** Owned objects applied at once, across clusters: JOSDK's default is 50 as well. */
    static final int WORKFLOW_THREADS = 8;

    private KafkaHaOperator() {
    }

    /**
     * The operator as it runs against a real API server. Inside the cluster (in a pod, where Kubernetes sets
     * {@code KUBERNETES_SERVICE_HOST}) the pods' DNS names resolve, so Ready also asks Kafka itself; outside, the
     * brokers are out of reach and the pods' readiness stands alone.
     */
    public static Operator create(KubernetesClient client, Set<String> namespaces) {
        KafkaHealthProbe kafka = System.getenv("KUBERNETES_SERVICE_HOST") != null
                ? new AdminKafkaHealthProbe() : KafkaHealthProbe.NONE;
        return create(client, namespaces, new KafkaClusterReconciler(java.time.Clock.systemUTC(), kafka),
                overrides -> { });
    }

    public static Operator create(KubernetesClient client, Set<String> namespaces, KafkaClusterReconciler reconciler,
                                  Consumer<ConfigurationServiceOverrider> overrides) {
        Operator operator = new Operator(configuration -> {
            configuration.withKubernetesClient(client).withCloseClientOnStop(false)
                    .withMetrics(new ReconcileTimes())
                    .withConcurrentReconciliationThreads(RECONCILIATION_THREADS)
                    .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS);
            overrides.accept(configuration);
        });
        operator.register(reconciler, controller -> {
            if (namespaces.isEmpty()) {
                controller.watchingAllNamespaces();
            } else {
                controller.settingNamespaces(namespaces);
            }
        });
        return operator;
    }
}
