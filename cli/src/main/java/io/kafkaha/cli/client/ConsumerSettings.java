package io.kafkaha.cli.client;

import io.kafkaha.core.kafka.ClientSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The console consumer's configuration. */
public final class ConsumerSettings {
    private ConsumerSettings() {
    }

    /**
     * @param group         consumer group whose offsets are used and committed, or null for none (nothing is
     *                      committed; the caller assigns partitions itself)
     * @param fromBeginning where a group without committed offsets starts: the earliest record, else new ones
     */
    public static Map<String, Object> console(String bootstrapServers, String group, boolean fromBeginning) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kafka-ha-consumer");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        // Offsets are committed by the command only after the records were printed: none lost on Ctrl-C.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ClientSettings.ADMIN_TIMEOUT.toMillis());
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return config;
    }
}
