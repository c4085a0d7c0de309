package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.core.spec.NodeRole;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsolatedAddressingTest {
    @Test
    void eachNodeHasItsOwnAddressInTheClustersSubnet() {
        IsolatedAddressing addressing = new IsolatedAddressing(28592);
        assertThat(addressing.slot()).isEqualTo(95);
        assertThat(addressing.host(NodeRole.BROKER, 0)).isEqualTo("10.213.95.1");
        assertThat(addressing.host(NodeRole.BROKER, 99)).isEqualTo("10.213.95.100");
        assertThat(addressing.host(NodeRole.CONTROLLER, 0)).isEqualTo("10.213.95.101");
        assertThat(addressing.host(NodeRole.CONTROLLER, 99)).isEqualTo("10.213.95.200");
        assertThat(addressing.bridgeAddress()).isEqualTo("10.213.95.254");
        assertThat(addressing.bindHost()).isEmpty();
    }

    @Test
    void keepsTheLocalRuntimesPorts() {
        IsolatedAddressing isolated = new IsolatedAddressing(9092);
        LocalAddressing loopback = LocalAddressing.loopback(9092);
        for (Listener listener : Listener.values()) {
            assertThat(isolated.port(listener, 2)).isEqualTo(loopback.port(listener, 2));
        }
        assertThat(isolated.hostPort(Listener.CLIENT, 1)).isEqualTo("10.213.30.2:9093");
    }

    @Test
    void clustersWhosePortsDoNotOverlapGetDifferentSubnets() {
        Set<Integer> slots = new HashSet<>();
        // The closest two clusters can be: port bases 300 apart, at any offset.
        for (int base = 1024 + 137; base + 299 <= 65535; base += 300) {
            int slot = new IsolatedAddressing(base).slot();
            assertThat(slots.add(slot)).as("slot of base %d", base).isTrue();
            assertThat(slot).isBetween(1, 253);
        }
    }

    @Test
    void refusesOrdinalsBeyondTheSubnetsRange() {
        assertThatThrownBy(() -> new IsolatedAddressing(9092).host(NodeRole.BROKER, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
