package io.kafkaha.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaha.cli.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void aFullDrillIsolatesABrokerOnlyWhereTheTargetCan() {
        FakeTarget target = new FakeTarget(3, FakeTarget.health(0, 3));
        List<String> skipped = new ArrayList<>();
        assertThat(FaultCatalog.fullDrill(target, skipped::add)).isEqualTo(FaultCatalog.all());
        assertThat(skipped).isEmpty();

        target.cannotIsolate = Optional.of("not possible: start the cluster with 'local up --isolated'");
        assertThat(FaultCatalog.fullDrill(target, skipped::add).stream().map(Fault::name))
                .containsExactly("broker-kill", "broker-pause", "controller-kill", "two-brokers-down", "cluster-kill");
        assertThat(skipped).containsExactly(
                "broker-isolate skipped: not possible: start the cluster with 'local up --isolated'");
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
