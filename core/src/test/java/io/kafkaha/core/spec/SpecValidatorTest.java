package io.kafkaha.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

    @Test
    void seedSpecIsValid() {
        assertThat(SpecValidator.problems(ClusterSpec.seed("kafka"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
        "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "metadata.log.dir"})
    void operatorOwnedKeysAreRefusedWithTheFieldAndAFix(String key) {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3), new RoleSpec(3, Map.of(key, "x")));
        assertThat(SpecValidator.problems(spec)).singleElement().asString()
                .startsWith("brokers.config: '" + key + "' cannot be overridden (")
                .endsWith("; remove it");
    }

    @Test
    void controllerOverridesAreCheckedToo() {
        ClusterSpec spec = new ClusterSpec("kafka", new RoleSpec(3, Map.of("node.id", "7")), RoleSpec.of(3));
        assertThat(SpecValidator.problems(spec)).singleElement().asString().startsWith("controllers.config: 'node.id'");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ClusterSpec spec = new ClusterSpec("Bad_Name", RoleSpec.of(0), new RoleSpec(0, Map.of("log.dirs", "/x")));
        assertThatThrownBy(() -> SpecValidator.validate(spec))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("name: 'Bad_Name' is not a valid cluster name")
                .hasMessageContaining("controllers.replicas: 0 is too few")
                .hasMessageContaining("brokers.replicas: 0 is too few")
                .hasMessageContaining("brokers.config: 'log.dirs' cannot be overridden");
    }

    @Test
    void replicationFactorAboveTheBrokerCountIsRefused() {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3),
                new RoleSpec(2, Map.of("default.replication.factor", "3")));
        assertThat(SpecValidator.problems(spec)).singleElement().asString()
                .contains("default.replication.factor=3 needs at least 3 brokers but brokers.replicas is 2");
    }

    @Test
    void minInSyncReplicasAboveTheReplicationFactorIsRefused() {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3), new RoleSpec(3, Map.of("min.insync.replicas", "4")));
        assertThat(SpecValidator.problems(spec)).singleElement().asString()
                .contains("min.insync.replicas=4 exceeds the replication factor 3");
    }

    @Test
    void nonNumericReplicationSettingsAreRefused() {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3),
                new RoleSpec(3, Map.of("default.replication.factor", "three")));
        assertThat(SpecValidator.problems(spec)).singleElement().asString()
                .contains("default.replication.factor='three' is not a positive whole number");
    }
}
