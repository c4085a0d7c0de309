package io.kafkaha.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.kafkaha.operator.reconciler.KafkaHaOperator;
import io.kafkaha.operator.runtime.HealthServer;
import io.kafkaha.operator.runtime.KubernetesConfigs;
import io.kafkaha.operator.runtime.OperatorHealth;
import io.kafkaha.operator.runtime.OperatorPreflight;
import io.kafkaha.operator.runtime.OperatorStartupException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kafka-ha operator}: the operator, out of cluster against a kubeconfig context or in a pod with its service
 * account (the container's entrypoint is {@code java -jar kafka-ha.jar operator}). Checks first that the API server
 * answers and serves KafkaClusters, then runs until SIGTERM or Ctrl-C and stops the operator cleanly.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {
            "Run the kafka-ha operator: keep every KafkaCluster's StatefulSets, Services, PodDisruptionBudgets and"
                    + " ConfigMaps as its spec says. Uses the current kubeconfig context (like kubectl), or the pod's"
                    + " service account when run in a pod. Runs until stopped (SIGTERM, Ctrl-C)."})
public class OperatorCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace to watch; repeat for several. Default: all namespaces.")
    List<String> namespaces = List.of();

    @Option(names = "--health-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the health endpoints /healthz and /readyz (default: ${DEFAULT-VALUE}; 0: off).")
    int healthPort;

    @Mixin
    KubeconfigOptions kubeconfig;

    @Override
    public Integer call() throws InterruptedException {
        if (healthPort < 0 || healthPort > 65535) {
            throw new UserError("--health-port must be between 0 (off) and 65535, not " + healthPort);
        }
        Set<String> watched = new LinkedHashSet<>();
        for (String namespace : namespaces) {
            if (namespace.isBlank()) {
                throw new UserError("--namespace must not be empty; leave it out to watch all namespaces");
            }
            watched.add(namespace.strip());
        }
        LogSettings.operatorLogs();
        Logger log = LoggerFactory.getLogger(OperatorCommand.class);
        try {
            return run(watched, log);
        } catch (OperatorStartupException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private int run(Set<String> watched, Logger log) throws InterruptedException {
        String version;
        try (KubernetesClient preflight = client(KubernetesConfigs.withoutRetries(config()))) {
            version = OperatorPreflight.check(preflight);
        }
        KubernetesClient client = client(config());
        log.info("Kubernetes API at {} (version {}); watching {}", client.getConfiguration().getMasterUrl(),
                version, watched.isEmpty() ? "all namespaces" : "namespaces " + String.join(", ", watched));
        Operator operator = KafkaHaOperator.create(client, watched);
        HealthServer health;
        try {
            health = healthPort == 0 ? null : HealthServer.start(healthPort, OperatorHealth.of(operator));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        if (health != null) {
            log.info("Health endpoints on port {}: {} and {}", health.port(), HealthServer.LIVENESS_PATH,
                    HealthServer.READINESS_PATH);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the operator");
            stop(operator, health, client, log);
            log.info("Operator stopped");
            stopped.countDown();
        }, "operator-shutdown"));
        try {
            operator.start();
        } catch (RuntimeException e) {
            // The shutdown hook, run by System.exit, releases the client and the health port.
            throw new UserError(OperatorPreflight.startFailure(e, client.getConfiguration().getMasterUrl())
                    .getMessage(), e);
        }
        log.info("Operator started; stop it with SIGTERM or Ctrl-C");
        stopped.await();
        return 0;
    }

    private static void stop(Operator operator, HealthServer health, KubernetesClient client, Logger log) {
        try {
            operator.stop();
        } catch (RuntimeException e) {
            log.warn("The operator did not stop cleanly: {}", e.toString());
        }
        if (health != null) {
            health.close();
        }
        client.close();
    }

    private Config config() {
        return kubeconfig.load();
    }

    static KubernetesClient client(Config config) {
        return KubeconfigOptions.client(config);
    }

    /**
     * slf4j-simple's settings, as system properties read when the first logger is created: {@code main} makes every
     * command quiet before picocli runs, and {@link #call()} raises the level for the operator. A
     * property the user set ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug}) is kept.
     */
    static final class LogSettings {
        static final String PREFIX = "org.slf4j.simpleLogger.";
        static final String LEVEL = PREFIX + "defaultLogLevel";
        private static final boolean USER_SET_LEVEL = System.getProperty(LEVEL) != null;

        private LogSettings() {
        }

        /**
         * Off, as with slf4j-nop before: the client commands report failures themselves, and the Kafka clients'
         * warnings (a WARN per failed connection attempt) would bury those messages.
         */
        static void quietByDefault() {
            setIfAbsent(LEVEL, "off");
        }

        /** INFO with timestamps and the logger's short name: readable in a terminal and in kubectl logs. */
        static void operatorLogs() {
            if (!USER_SET_LEVEL) {
                System.setProperty(LEVEL, "info");
            }
            setIfAbsent(PREFIX + "showDateTime", "true");
            setIfAbsent(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            setIfAbsent(PREFIX + "showThreadName", "false");
            setIfAbsent(PREFIX + "showShortLogName", "true");
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }
}
