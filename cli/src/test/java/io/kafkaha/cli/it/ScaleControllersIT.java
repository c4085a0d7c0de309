package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaha.core.kafka.ClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime changes the number of KRaft controllers of a running cluster through the dynamic quorum
 * (KIP-853) while kafka-ha's verifier writes acks=all records to an RF-3 topic: 1 → 3 ({@code local scale}),
 * 3 → 5 ({@code local up -f} with a changed manifest), 5 → 3 ({@code local scale}). After each step Kafka's quorum
 * has exactly the expected voters; no record is lost, duplicated or reordered and no send fails. One cluster,
 * one verifier run over all three steps.
 */
class ScaleControllersIT {
    private static final String NAME = "scalec";
    /** Its ports (+0 to +204) lie below Linux's ephemeral range (32768+), where a client connection's own end can take one. */
    private static final int PORT_BASE = 30092;
    private static final String TOPIC = "scale-verify";

    @Test
    void controllersScaleUpAndDownWithoutAVerifiedClientNoticing(@TempDir Path home) throws Exception {
        Cli cli = new Cli(home);
        Path dir = home.resolve("cluster");
        Path manifest = home.resolve("cluster.yaml");
        try {
            writeManifest(manifest, 1);
            cli.run("local", "up", "-f", manifest.toString(), "--dir", dir.toString(),
                    "--port-base", String.valueOf(PORT_BASE)).assertOk();
            String bootstrap = cli.run("local", "bootstrap", "--dir", dir.toString()).assertOk().out().trim();
            cli.run("topic", "create", TOPIC, "-b", bootstrap, "--partitions", "6", "--replication-factor", "3")
                    .assertOk();
            try (Admin admin = Admin.create(ClientSettings.admin(bootstrap))) {
                assertThat(voters(admin)).containsExactly(1000);
                try (VerifiedTraffic traffic = VerifiedTraffic.flowing(bootstrap, TOPIC, 300)) {
                    Cli.Result toThree = cli.run("local", "scale", "--controllers", "3", "--dir", dir.toString())
                            .assertOk();
                    System.out.println("1 -> 3:\n" + toThree.out());
                    assertThat(toThree.out()).contains("start scalec-controller-1 as an observer")
                            .contains("add scalec-controller-2 as a voter");
                    assertThat(voters(admin)).containsExactly(1000, 1001, 1002);
                    assertThat(Files.readString(dir.resolve("controllers.formation")).trim()).isEqualTo("1");

                    writeManifest(manifest, 5);
                    Cli.Result toFive = cli.run("local", "up", "-f", manifest.toString(), "--dir", dir.toString())
                            .assertOk();
                    System.out.println("3 -> 5:\n" + toFive.out());
                    assertThat(toFive.out()).contains("add scalec-controller-4 as a voter")
                            .contains("Roll: nothing to restart");
                    assertThat(voters(admin)).containsExactly(1000, 1001, 1002, 1003, 1004);

                    Cli.Result backToThree = cli.run("local", "scale", "--controllers", "3", "--dir", dir.toString())
                            .assertOk();
                    System.out.println("5 -> 3:\n" + backToThree.out());
                    assertThat(backToThree.out()).contains("remove scalec-controller-4 from the voters")
                            .contains("stop scalec-controller-3");
                    assertThat(voters(admin)).containsExactly(1000, 1001, 1002);
                    assertThat(cli.run("local", "status", "--dir", dir.toString()).assertOk().out())
                            .doesNotContain("scalec-controller-3");

                    traffic.finish(20_000);
                }
            }
        } finally {
            try {
                cli.run("local", "down", "--purge", "--dir", dir.toString());
            } finally {
                LocalClusterFixture.killLeftovers(home);
            }
        }
    }

    private static List<Integer> voters(Admin admin) throws Exception {
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
        return quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).sorted().toList();
    }

    private static void writeManifest(Path manifest, int controllers) throws IOException {
        Files.writeString(manifest, """
                apiVersion: kafkaha.io/v1beta1
                kind: KafkaCluster
                metadata:
                  name: scalec
                spec:
                  controllers:
                    replicas: %d
                  brokers:
                    replicas: 3
                """.formatted(controllers));
    }
}
