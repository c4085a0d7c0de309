package io.kafkaha.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client configurations kafka-ha uses everywhere, so the CLI, the verifier and the checks behave alike:
 * short timeouts so an unreachable cluster is reported in seconds, and producers that cannot lose or duplicate
 * an acknowledged record.
 */
public final class ClientSettings {
    /** How long an admin call may take before the cluster is reported unreachable. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

    private ClientSettings() {
    }

    public static Map<String, Object> admin(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-admin");
        return config;
    }

    /**
     * For probing a cluster that may not serve yet (waiting for readiness, health checks): a call gives up after
     * 5 s instead of {@link #ADMIN_TIMEOUT}, so a poll loop stays responsive.
     */
    public static Map<String, Object> probingAdmin(String bootstrapServers) {
        Map<String, Object> config = admin(bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        return config;
    }

    /** acks=all and idempotence: a record is acknowledged only once min.insync.replicas have it, exactly once. */
    public static Map<String, Object> durableProducer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-producer");
        return config;
    }
}
