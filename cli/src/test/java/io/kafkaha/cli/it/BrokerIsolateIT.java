package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code broker-isolate} through the real CLI: a 3+3 cluster started with {@code local up --isolated} (each node in
 * a network namespace of its own), the broker leading most partitions cut off the network for 12 s (beyond the
 * 6 s session timeout) while the verifier writes 20,000+ records at 2,000/s. Kafka fences it and moves its
 * leadership; the fast-fencing supervisor, which acts only on exited processes, leaves it alone; reconnected, it
 * rejoins every ISR. Needs root (network namespaces); skipped otherwise. {@code down --purge} must leave no
 * namespace, veth or bridge behind.
 */
class BrokerIsolateIT {
    private static final String NAME = "isolate";
    private static final int PORT_BASE = 28592;
    /** {@code PORT_BASE / 300}: the cluster's subnet 10.213.95.0/24, bridge kh95. */
    private static final String SLOT = "95";
    private static final long RECORDS = 20_000;

    @TempDir
    Path home;
    private LocalClusterFixture cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            try {
                cluster.close();
            } finally {
                removeNetworkLeftovers();
            }
        }
    }

    @Test
    void anIsolatedBrokerIsFencedByKafkaNotBySupervisorAndRejoins() throws IOException {
        assumeTrue(ip("netns", "list") != null && "0\n".equals(run(List.of("id", "-u"))),
                "needs root and iproute2 for network namespaces");
        long started = System.nanoTime();
        cluster = new LocalClusterFixture(home, NAME);
        cluster.up(PORT_BASE, 3, 3, "--isolated").assertOk();
        long up = System.nanoTime();
        assertThat(cluster.bootstrap()).isEqualTo("10.213.95.1:28592,10.213.95.2:28593,10.213.95.3:28594");
        assertThat(cluster.cli.run("local", "status", "--name", NAME).assertOk().out())
                .contains("Network: isolated").contains("10.213.95.101:28792");
        assertThat(namespaces()).hasSize(6);

        Cli.Result drill = cluster.cli.start("drill", "--name", NAME, "--faults", "broker-isolate",
                "--records-per-fault", String.valueOf(RECORDS), "--rate", "2000", "--isolate-seconds", "12")
                .await(600);

        System.out.println("BrokerIsolateIT: up took " + (up - started) / 1_000_000_000 + " s, the drill "
                + (System.nanoTime() - up) / 1_000_000_000 + " s\n" + drill.out());
        drill.assertOk();
        String context = drill.out() + "\n" + drill.err();
        Map<String, String> row = DrillIT.summary(drill.out()).get("broker-isolate");
        assertThat(row).as(context).isNotNull();
        assertThat(Long.parseLong(row.get("acked"))).as(context).isGreaterThanOrEqualTo(RECORDS);
        assertThat(row).as(context).containsEntry("lost", "0").containsEntry("duplicates", "0")
                .containsEntry("reordered", "0").containsEntry("failed-sends", "0").containsEntry("result", "PASS");
        assertThat(drill.out()).as(context).contains("fenced by the controller")
                .contains("led no partition of 'kafka-ha-drill'");
        // PASS means fully redundant again: every broker unfenced, every partition's ISR complete.
        assertThat(row.get("recovered-in")).as(context).endsWith("s");

        Matcher victim = Pattern.compile("cut (isolate-broker-\\d) \\(leads").matcher(drill.out());
        assertThat(victim.find()).as(context).isTrue();
        String supervisor = Files.readString(cluster.clusterDir().resolve("supervisor").resolve("supervisor.log"));
        assertThat(supervisor).as("the supervisor watched it, and left it to Kafka")
                .contains("watching " + victim.group(1)).doesNotContain(victim.group(1) + " (pid");

        cluster.cli.run("local", "down", "--purge", "--name", NAME).assertOk();
        assertThat(namespaces()).isEmpty();
        assertThat(links()).isEmpty();
        System.out.println("BrokerIsolateIT: took " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** Last resort after a failed test: no namespace, veth or bridge of this test may stay behind. */
    private static void removeNetworkLeftovers() {
        // veths first (each takes its peer with it), the bridge last
        links().stream().sorted(java.util.Comparator.comparing(String::length).reversed())
                .forEach(link -> ip("link", "del", link));
        namespaces().forEach(namespace -> ip("netns", "del", namespace));
    }

    private static List<String> namespaces() {
        String list = ip("netns", "list");
        return list == null ? List.of() : list.lines().map(line -> line.split("\\s+")[0])
                .filter(name -> name.startsWith("kafkaha-" + SLOT + "-" + NAME + "-")).toList();
    }

    /** The bridge and veths of this test's subnet. */
    private static List<String> links() {
        String list = ip("-o", "link", "show");
        return list == null ? List.of() : list.lines().map(line -> line.split(":\\s+")[1].split("@")[0])
                .filter(name -> name.matches("kh" + SLOT + "([bc]\\d+)?")).toList();
    }

    /** What {@code ip ARGS} printed; null if it failed. */
    private static String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
