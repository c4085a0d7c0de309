package io.kafkaha.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void roundTrips() {
        Payload payload = new Payload("a1b2c3d4", 123_456_789_012L);

        assertThat(Payload.decode(payload.encode())).contains(payload);
    }

    @Test
    void ignoresForeignOrMalformedValues() {
        assertThat(Payload.decode(null)).isEmpty();
        assertThat(Payload.decode("hello".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Payload.decode("kafka-ha-verify:run:x".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Payload.decode("kafka-ha-verify::1".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Payload.decode("kafka-ha-verify:12".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void runIdCannotContainTheSeparator() {
        assertThatThrownBy(() -> new Payload("a:b", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
