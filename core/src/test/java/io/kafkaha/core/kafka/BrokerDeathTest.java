package io.kafkaha.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerDeathTest {
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
        assertThat(BrokerDeath.ofContainer(true, false, false).certain()).isTrue();
    }

    @Test
    void aContainerThatIsOnlyNotReadyIsNotDead() {
        assertThat(BrokerDeath.ofContainer(false, false, false).certain()).isFalse();
    }

    @Test
    void aPodBeingDeletedStopsGracefullySoItIsNotFenced() {
        assertThat(BrokerDeath.ofContainer(true, false, true).certain()).isFalse();
    }

    @Test
    void aRestartedContainerThatServesAgainIsNotCutOff() {
        assertThat(BrokerDeath.ofContainer(true, true, false).certain()).isFalse();
    }
}
