package io.kafkaha.chart;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** What Chart.yaml declares. */
final class ChartFacts {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ChartFacts() {
    }

    static String appVersion() {
        return String.valueOf(chartYaml().get("appVersion"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartYaml() {
        try {
            return YAML.unmarshal(Files.readString(KafkaHaChart.DIR.resolve("Chart.yaml")), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
