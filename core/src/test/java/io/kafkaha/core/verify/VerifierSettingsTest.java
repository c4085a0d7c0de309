package io.kafkaha.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifierSettingsTest {
    @Test
    void defaults() {
        VerifierSettings settings = VerifierSettings.defaults("localhost:9092");

        assertThat(settings.topic()).isEqualTo("kafka-ha-verify");
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.ratePerSecond()).isEqualTo(200);
        assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsValuesThatCannotMakeARun() {
        VerifierSettings settings = VerifierSettings.defaults("localhost:9092");

        assertThatThrownBy(() -> settings.withRatePerSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withDrainTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withTopic(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
