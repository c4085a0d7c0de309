package io.kafkaha.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerDeathTest {
    private static final Optional<Duration> JUST_NOW = Optional.of(Duration.ofMillis(300));

    @Test
    void aLocalProcessThatExitedWithoutAStopIsCertainlyDead() {
        assertThat(BrokerDeath.ofLocalProcess(false, false).certain()).isTrue();
    }

    @Test
    void aLiveProcessIsNeverDeadEvenIfPausedOrSlow() {
        assertThat(BrokerDeath.ofLocalProcess(true, false).certain()).isFalse();
        assertThat(BrokerDeath.ofLocalProcess(true, true).certain()).isFalse();
    }

    @Test
    void aGracefulStopIsNotADeathToFence() {
        BrokerDeath stopped = BrokerDeath.ofLocalProcess(false, true);
        assertThat(stopped.certain()).isFalse();
        assertThat(stopped.evidence()).contains("gracefully");
    }

    @Test
    void aTerminatedContainerIsCertainlyDead() {
        assertThat(BrokerDeath.ofContainer(true, false, false, JUST_NOW).certain()).isTrue();
    }

    @Test
    void aContainerThatIsOnlyNotReadyIsNotDead() {
        assertThat(BrokerDeath.ofContainer(false, false, false, JUST_NOW).certain()).isFalse();
    }

    @Test
    void aPodBeingDeletedStopsGracefullySoItIsNotFenced() {
        assertThat(BrokerDeath.ofContainer(true, false, true, JUST_NOW).certain()).isFalse();
    }

    @Test
    void aRestartedContainerThatServesAgainIsNotCutOff() {
        assertThat(BrokerDeath.ofContainer(true, true, false, JUST_NOW).certain()).isFalse();
    }

    @Test
    void aDeathOlderThanKafkasSessionIsLeftAloneForTheRestartedBrokerMayHaveRegistered() {
        BrokerDeath late = BrokerDeath.ofContainer(true, false, false, Optional.of(Duration.ofSeconds(30)));
        assertThat(late.certain()).isFalse();
        assertThat(late.evidence()).contains("may have registered");
        assertThat(BrokerDeath.ofContainer(true, false, false, Optional.of(BrokerDeath.CONTAINER_DEATH_ACTIONABLE))
                .certain()).isTrue();
        assertThat(BrokerDeath.ofContainer(true, false, false,
                Optional.of(BrokerDeath.CONTAINER_DEATH_ACTIONABLE.plusMillis(1))).certain()).isFalse();
    }

    @Test
    void aDeathOfUnknownTimeIsLeftAlone() {
        assertThat(BrokerDeath.ofContainer(true, false, false, Optional.empty()).certain()).isFalse();
    }
}
