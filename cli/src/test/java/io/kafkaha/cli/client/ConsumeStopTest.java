package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumeStopTest {

    @Test
    void withoutLimitsItNeverStops() {
        ConsumeStop never = ConsumeStop.never();
        assertThat(never.reachedMax(Long.MAX_VALUE)).isFalse();
        assertThat(never.idleTooLong(Duration.ofDays(365))).isFalse();
        assertThat(never.nextPoll(Duration.ofDays(1))).isEqualTo(ConsumeStop.MAX_POLL);
    }

    @Test
    void stopsAtMaxMessages() {
        ConsumeStop stop = new ConsumeStop(3L, null);
        assertThat(stop.reachedMax(2)).isFalse();
        assertThat(stop.reachedMax(3)).isTrue();
    }

    @Test
    void pollsNoLongerThanTheIdleTimeLeft() {
        ConsumeStop stop = new ConsumeStop(null, Duration.ofSeconds(2));
        assertThat(stop.nextPoll(Duration.ZERO)).isEqualTo(ConsumeStop.MAX_POLL);
        assertThat(stop.nextPoll(Duration.ofMillis(1800))).isEqualTo(Duration.ofMillis(200));
        assertThat(stop.nextPoll(Duration.ofSeconds(3))).isEqualTo(Duration.ZERO);
        assertThat(stop.idleTooLong(Duration.ofMillis(1999))).isFalse();
        assertThat(stop.idleTooLong(Duration.ofSeconds(2))).isTrue();
    }
}
