package io.kafkaha.cli.client;

import io.kafkaha.cli.UserError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code --config KEY=VALUE} arguments into topic configs. */
public final class TopicConfigArguments {
    private TopicConfigArguments() {
    }

    /**
     * Splits each entry at its first '=' (values may contain '='; an empty value is allowed, Kafka judges it).
     * A key given twice is refused rather than silently letting the last one win.
     */
    public static Map<String, String> parse(List<String> entries) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new UserError("--config '" + entry + "' has no '=': write it as KEY=VALUE, e.g. --config "
                        + "retention.ms=86400000");
            }
            String key = entry.substring(0, equals).strip();
            String value = entry.substring(equals + 1).strip();
            if (key.isEmpty()) {
                throw new UserError("--config '" + entry + "' has no key before '=': write it as KEY=VALUE, e.g."
                        + " --config retention.ms=86400000");
            }
            String previous = configs.put(key, value);
            if (previous != null) {
                throw new UserError("--config " + key + " is given twice ('" + previous + "' and '" + value
                        + "'): keep one");
            }
        }
        return Collections.unmodifiableMap(configs);
    }
}
