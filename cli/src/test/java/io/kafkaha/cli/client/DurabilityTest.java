package io.kafkaha.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurabilityTest {

    @Test
    void explainsWhatReplicationMeansForAcksAllWrites() {
        assertThat(new Durability(3, 2).describe()).isEqualTo("acks=all writes need 2 of 3 replicas in sync: they"
                + " go on with 1 broker down, and an acknowledged record survives the loss of 1 broker");
        assertThat(new Durability(1, 1).describe()).isEqualTo("acks=all writes need 1 of 1 replicas in sync: they"
                + " go on with no broker down, and an acknowledged record survives the loss of no broker");
    }

    @Test
    void aTopicWithFewerReplicasThanMinIsrIsUnwritable() {
        assertThat(new Durability(1, 2).writable()).isFalse();
        assertThat(new Durability(2, 2).writable()).isTrue();
        assertThat(new Durability(1, 2).describe()).startsWith("acks=all writes always fail");
    }
}
