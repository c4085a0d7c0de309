package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime applies a changed KafkaCluster manifest with a Kafka-aware roll while kafka-ha's verifier
 * writes (acks=all, idempotent) to an RF-3 topic: no acknowledged record is lost, duplicated or reordered, no
 * send fails, and every node restarts exactly once onto the new config. {@code local roll} restarts only the
 * nodes named, and a roll does not start while a broker is down; the cluster, started on Kafka 4.3.1, is then
 * upgraded to 4.4.0 under verified traffic (the verifier runs in the test's JVM and stops once the change is done) and ends with 4.4's metadata.version. One 3+3 cluster for the class:
 * each start costs most of a minute here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollIT {
    private static final String NAME = "roll";
    private static final int PORT_BASE = 26092;
    private static final String TOPIC = "roll-verify";
    private static final String OLD_VERSION = "4.3.1";
    private static final String NEW_VERSION = "4.4.0";
    private static final List<String> NODES = List.of("roll-controller-0", "roll-controller-1", "roll-controller-2",
            "roll-broker-0", "roll-broker-1", "roll-broker-2");
    private static final Pattern RESTARTING = Pattern.compile("(?m)^restarting (\\S+) \\(([^;)]+)");

    private Path home;
    private Cli cli;
    private Path dir;
    private Path manifest;
    private String bootstrap;

    @BeforeAll
    void startFromAManifest(@TempDir Path home) throws IOException {
        this.home = home;
        cli = new Cli(home);
        dir = home.resolve("roll-cluster");
        manifest = home.resolve("cluster.yaml");
        writeManifest("8", OLD_VERSION);
        Cli.Result up = cli.run("local", "up", "-f", manifest.toString(), "--dir", dir.toString(),
                "--port-base", String.valueOf(PORT_BASE)).assertOk();
        assertThat(up.out()).contains("Cluster 'roll' is up: 3 controller(s)");
        bootstrap = cli.run("local", "bootstrap", "--dir", dir.toString()).assertOk().out().trim();
        cli.run("topic", "create", TOPIC, "-b", bootstrap, "--partitions", "6", "--replication-factor", "3")
                .assertOk();
    }

    @AfterAll
    void stopEverything() {
        if (cli == null) {
            return;
        }
        try {
            cli.run("local", "down", "--purge", "--dir", dir.toString());
        } finally {
            LocalClusterFixture.killLeftovers(home);
        }
    }

    @Test
    @Order(1)
    void aChangedManifestIsRolledWithoutAVerifiedClientNoticing() throws Exception {
        try (KafkaAdmin admin = new KafkaAdmin(bootstrap)) {
            assertThat(admin.brokerConfig(1, "num.io.threads")).isEqualTo("8");
            Map<String, Long> pidsBefore = pids();
            Cli.Result roll;
            try (VerifiedTraffic traffic = VerifiedTraffic.flowing(bootstrap, TOPIC, 300)) {
                writeManifest("9", OLD_VERSION);
                roll = cli.start("local", "up", "-f", manifest.toString(), "--dir", dir.toString())
                        .await(600).assertOk();
                System.out.println("local up -f rolled the cluster:\n" + roll.out());
                assertThat(traffic.producing()).as("the verifier was still writing when the roll ended; roll:%n%s",
                        roll.out()).isTrue();
                traffic.finish(20_000);
            }

            assertThat(roll.out()).contains("brokers.config: num.io.threads 8 -> 9")
                    .contains("controllers.config: num.io.threads 8 -> 9");
            List<String> restarted = restarts(roll.out(), "config changed");
            assertThat(restarted).as("roll output:%n%s", roll.out()).containsExactlyInAnyOrderElementsOf(NODES);
            assertThat(restarted.subList(0, 3)).as("controllers first").allMatch(node -> node.contains("controller"));
            Map<String, Long> pidsAfter = pids();
            NODES.forEach(node -> assertThat(pidsAfter.get(node)).as(node).isNotEqualTo(pidsBefore.get(node)));
            for (int broker = 0; broker < 3; broker++) {
                assertThat(admin.brokerConfig(broker, "num.io.threads")).as("broker %d", broker).isEqualTo("9");
            }
        }
    }

    @Test
    @Order(2)
    void rollRestartsOnlyTheNodesNamed() throws IOException {
        Map<String, Long> pidsBefore = pids();

        Cli.Result roll = cli.run("local", "roll", "roll-broker-1", "--dir", dir.toString()).assertOk();

        assertThat(restarts(roll.out(), "restart requested")).as("roll output:%n%s", roll.out())
                .containsExactly("roll-broker-1");
        assertThat(restarts(roll.out(), "")).containsExactly("roll-broker-1");
        Map<String, Long> pidsAfter = pids();
        NODES.forEach(node -> {
            if (node.equals("roll-broker-1")) {
                assertThat(pidsAfter.get(node)).isNotEqualTo(pidsBefore.get(node));
            } else {
                assertThat(pidsAfter.get(node)).as(node).isEqualTo(pidsBefore.get(node));
            }
        });
        assertThat(cli.run("local", "roll", "roll-broker-9", "--dir", dir.toString()).err())
                .contains("no node 'roll-broker-9' in cluster 'roll'");
    }

    @Test
    @Order(3)
    void aRollWaitsWhileABrokerIsDown() throws IOException {
        cli.run("local", "kill", "roll-broker-2", "--dir", dir.toString()).assertOk();
        long broker0 = pids().get("roll-broker-0");

        Cli.Running roll = cli.start("local", "roll", "roll-broker-0", "--dir", dir.toString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> roll.outSoFar().contains("waiting: roll-broker-2 is not running yet"));
        assertThat(pids().get("roll-broker-0")).as("nothing restarted while a broker is down").isEqualTo(broker0);

        cli.run("local", "start", "roll-broker-2", "--dir", dir.toString()).assertOk();
        Cli.Result result = roll.await(300).assertOk();
        assertThat(restarts(result.out(), "restart requested")).containsExactly("roll-broker-0");
        assertThat(pids().get("roll-broker-0")).isNotEqualTo(broker0);
    }

    @Test
    @Order(4)
    void anUpgradeRollsOntoTheNewVersionThenRaisesTheMetadataVersion() throws Exception {
        try (KafkaAdmin admin = new KafkaAdmin(bootstrap)) {
            assertThat(admin.metadataVersion()).isEqualTo("4.3-IV0");
            // The last test restarted a broker: wait until all three serve, so the topic gets 3 replicas (the
            // planner rightly refuses to roll a broker hosting a partition whose replicas equal its min ISR).
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.servingBrokers() == 3);
            cli.run("topic", "create", TOPIC + "-upgrade", "-b", bootstrap, "--partitions", "6",
                    "--replication-factor", "3").assertOk();
            Cli.Result upgrade;
            try (VerifiedTraffic traffic = VerifiedTraffic.flowing(bootstrap, TOPIC + "-upgrade", 300)) {
                writeManifest("9", NEW_VERSION);
                upgrade = cli.start("local", "up", "-f", manifest.toString(), "--dir", dir.toString(),
                        "--roll-timeout", "900").await(960).assertOk();
                System.out.println("local up -f upgraded the cluster:\n" + upgrade.out());
                assertThat(traffic.producing()).as("the verifier was still writing when the upgrade ended").isTrue();
                traffic.finish(20_000);
            }
            List<String> restarted = restarts(upgrade.out(), "Kafka version changed");
            assertThat(restarted).as("upgrade output:%n%s", upgrade.out()).containsExactlyInAnyOrderElementsOf(NODES);
            assertThat(restarted.subList(0, 3)).as("controllers first").allMatch(node -> node.contains("controller"));
            assertThat(upgrade.out()).contains("Raised metadata.version from 4.3-IV0 to 4.4-IV2");
            assertThat(admin.metadataVersion()).isEqualTo("4.4-IV2");
        }

        writeManifest("9", OLD_VERSION);
        Cli.Result back = cli.run("local", "up", "-f", manifest.toString(), "--dir", dir.toString());
        assertThat(back.exitCode()).isNotZero();
        assertThat(back.err()).contains("cannot go back to Kafka 4.3.1");
    }

    /** Nodes in the order the roll said it restarted them, for the given reason ("" for any). */
    private static List<String> restarts(String output, String reason) {
        List<String> nodes = new java.util.ArrayList<>();
        Matcher matcher = RESTARTING.matcher(output);
        while (matcher.find()) {
            if (matcher.group(2).startsWith(reason)) {
                nodes.add(matcher.group(1));
            }
        }
        return nodes;
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        for (String node : NODES) {
            Path pidFile = dir.resolve("nodes").resolve(node).resolve("pid");
            pids.put(node, Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0])
                    : -1L);
        }
        return pids;
    }

    private void writeManifest(String ioThreads, String version) throws IOException {
        Files.writeString(manifest, """
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata:
                  name: roll
                spec:
                  version: "%2$s"
                  controllers:
                    replicas: 3
                    config:
                      num.io.threads: "%1$s"
                  brokers:
                    replicas: 3
                    config:
                      num.io.threads: "%1$s"
                """.formatted(ioThreads, version));
    }
}
