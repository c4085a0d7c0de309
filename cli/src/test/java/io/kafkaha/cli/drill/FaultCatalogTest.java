package io.kafkaha.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultCatalogTest {

    @Test
    void parsesNamesInTheOrderGivenOnceEach() {
        assertThat(FaultCatalog.parse(" cluster-kill,broker-kill ,cluster-kill").stream().map(Fault::name))
                .containsExactly("cluster-kill", "broker-kill");
    }

    @Test
    void knowsEveryFaultOfAFullDrill() {
        assertThat(FaultCatalog.all().stream().map(Fault::name)).containsExactly("broker-kill", "broker-pause",
                "broker-isolate", "controller-kill", "two-brokers-down", "cluster-kill");
    }

    @Test
    void refusesUnknownAndEmptyListsAndSaysWhatExists() {
        assertThatThrownBy(() -> FaultCatalog.parse("broker-kil")).isInstanceOf(UserError.class)
                .hasMessage("unknown fault 'broker-kil' in --faults; choose from " + FaultCatalog.names()
                        + " (comma-separated)");
        assertThatThrownBy(() -> FaultCatalog.parse(" , ")).isInstanceOf(UserError.class)
                .hasMessageContaining("at least one fault");
    }
}
