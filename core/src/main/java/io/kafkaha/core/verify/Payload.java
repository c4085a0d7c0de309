package io.kafkaha.core.verify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The value of every record the verifier produces: {@code kafka-ha-verify:<runId>:<sequence>}. The run id lets a
 * run ignore records an earlier run left on the same topic; the sequence identifies the record and, because the
 * producer sends sequences in increasing order, lets the consumer check per-partition order.
 */
public record Payload(String runId, long sequence) {
    private static final String PREFIX = "kafka-ha-verify:";

    public Payload {
        if (runId == null || runId.isEmpty() || runId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("runId must be non-empty and contain no ':', got " + runId);
        }
    }

    public byte[] encode() {
        return (PREFIX + runId + ':' + sequence).getBytes(StandardCharsets.UTF_8);
    }

    /** Empty for anything this verifier did not write (other producers share topics). */
    public static Optional<Payload> decode(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = text.lastIndexOf(':');
        if (separator <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Payload(text.substring(PREFIX.length(), separator),
                    Long.parseLong(text.substring(separator + 1))));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
