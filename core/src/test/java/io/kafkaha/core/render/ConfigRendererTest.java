package io.kafkaha.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.spec.ClusterSpec;
import io.kafkaha.core.spec.NodeRole;
import io.kafkaha.core.spec.RoleSpec;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigRendererTest {
    private static final LocalAddressing ADDRESSING = LocalAddressing.loopback(9092);

    @Test
    void seedClusterGetsDurableDefaultsOnBrokersAndControllers() throws IOException {
        ClusterSpec spec = ClusterSpec.seed("kafka");
        for (NodeRole role : NodeRole.values()) {
            Properties config = parse(ConfigRenderer.render(spec, role, ADDRESSING));
            assertThat(config)
                    .containsEntry("process.roles", role.label())
                    .containsEntry("default.replication.factor", "3")
                    .containsEntry("min.insync.replicas", "2")
                    .containsEntry("unclean.leader.election.enable", "false")
                    .containsEntry("offsets.topic.replication.factor", "3")
                    .containsEntry("transaction.state.log.replication.factor", "3")
                    .containsEntry("transaction.state.log.min.isr", "2")
                    .containsEntry("controller.listener.names", "CONTROLLER")
                    .containsEntry("controller.quorum.bootstrap.servers",
                            "127.0.0.1:9292,127.0.0.1:9293,127.0.0.1:9294")
                    .doesNotContainKeys("node.id", "listeners", "log.dirs", "controller.quorum.voters");
        }
        assertThat(parse(ConfigRenderer.render(spec, NodeRole.BROKER, ADDRESSING)))
                .containsEntry("inter.broker.listener.name", "REPLICATION");
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "2, 2, 1", "3, 3, 2", "5, 3, 2"})
    void smallClustersStayWritableWithOneBrokerDown(int brokers, String rf, String minIsr) throws IOException {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(1), RoleSpec.of(brokers));
        assertThat(parse(ConfigRenderer.render(spec, NodeRole.BROKER, ADDRESSING)))
                .containsEntry("default.replication.factor", rf)
                .containsEntry("offsets.topic.replication.factor", rf)
                .containsEntry("min.insync.replicas", minIsr);
    }

    @Test
    void userOverridesWinAndTopicCreationDefaultsReachTheControllers() throws IOException {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3),
                new RoleSpec(5, Map.of("min.insync.replicas", "3", "num.partitions", "6", "log.retention.hours", "1")));
        Properties broker = parse(ConfigRenderer.render(spec, NodeRole.BROKER, ADDRESSING));
        Properties controller = parse(ConfigRenderer.render(spec, NodeRole.CONTROLLER, ADDRESSING));
        assertThat(broker).containsEntry("min.insync.replicas", "3").containsEntry("log.retention.hours", "1");
        // The controller creates topics, so it must apply the same topic defaults; broker-only tuning stays put.
        assertThat(controller).containsEntry("min.insync.replicas", "3").containsEntry("num.partitions", "6")
                .doesNotContainKey("log.retention.hours");
    }

    @Test
    void failureDetectionIsTunedOnBothRoles() throws IOException {
        ClusterSpec spec = ClusterSpec.seed("kafka");
        for (NodeRole role : NodeRole.values()) {
            // Chosen by measurement (bench/README.md): a paused broker stalls producers 6 s, not Kafka's 9 s.
            assertThat(parse(ConfigRenderer.render(spec, role, ADDRESSING)))
                    .containsEntry("broker.session.timeout.ms", "6000")
                    .containsEntry("broker.heartbeat.interval.ms", "1000")
                    .containsEntry("controller.quorum.fetch.timeout.ms", "2000")
                    .containsEntry("controller.quorum.election.timeout.ms", "1000");
        }
    }

    @Test
    void aUsersSessionTimeoutWinsAndReachesTheControllersThatEnforceIt() throws IOException {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(3), new RoleSpec(3,
                Map.of("broker.session.timeout.ms", "12000", "broker.heartbeat.interval.ms", "3000")));
        Properties broker = parse(ConfigRenderer.render(spec, NodeRole.BROKER, ADDRESSING));
        Properties controller = parse(ConfigRenderer.render(spec, NodeRole.CONTROLLER, ADDRESSING));
        assertThat(broker).containsEntry("broker.session.timeout.ms", "12000")
                .containsEntry("broker.heartbeat.interval.ms", "3000");
        // The controller fences a silent broker, so it must use the user's timeout; the heartbeat is the broker's.
        assertThat(controller).containsEntry("broker.session.timeout.ms", "12000")
                .containsEntry("broker.heartbeat.interval.ms", "1000");
    }

    @Test
    void valuesAreEscapedSoPropertiesReadsThemBack() throws IOException {
        ClusterSpec spec = new ClusterSpec("kafka", RoleSpec.of(1),
                new RoleSpec(1, Map.of("ssl.keystore.location", "C:\\keys\\store")));
        assertThat(parse(ConfigRenderer.render(spec, NodeRole.BROKER, ADDRESSING)))
                .containsEntry("ssl.keystore.location", "C:\\keys\\store");
    }

    static Properties parse(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
