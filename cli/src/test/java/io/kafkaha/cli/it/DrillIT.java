package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test: {@code kafka-ha drill} through the real CLI against one 3+3 local cluster, every fault, at least
 * 20,000 records each at 2,000 records/s, each judged per message by the verifier: nothing acknowledged is lost,
 * duplicated or reordered, no send fails except where the cluster rightly refuses (two brokers down, the whole
 * cluster down), and with two brokers down nothing is acknowledged while the probe writes are refused.
 *
 * <p>As root the cluster is isolated ({@code local up --isolated}: a network namespace per node), so the drill
 * also cuts a broker off the network while it runs ({@code broker-isolate}): Kafka fences it and moves its
 * leadership, the fast-fencing supervisor (which acts only on exited processes) leaves it alone, and reconnected it
 * rejoins every ISR; {@code down --purge} leaves no namespace, veth or bridge behind. Without root the same drill
 * runs on loopback, where that fault is skipped.
 */
class DrillIT {
    private static final String NAME = "chaos";
    private static final int PORT_BASE = 27592;
    /** {@code PORT_BASE / 300}: an isolated cluster's subnet 10.213.91.0/24, bridge kh91. */
    private static final String SLOT = "91";
    private static final long RECORDS = 20_000;
    private static final List<String> FAULTS = List.of("broker-kill", "broker-pause", "broker-isolate",
            "controller-kill", "two-brokers-down", "cluster-kill");
    /** Where the cluster rightly refuses writes, a producer may be told so; nowhere is an acknowledged one lost. */
    private static final Set<String> REFUSAL_EXPECTED = Set.of("two-brokers-down", "cluster-kill");

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
    void everyFaultKeepsEveryAcknowledgedRecord() {
        boolean isolated = canIsolate();
        cluster = new LocalClusterFixture(home, NAME);
        long started = System.nanoTime();
        if (isolated) {
            cluster.up(PORT_BASE, 3, 3, "--isolated").assertOk();
            assertThat(cluster.bootstrap()).isEqualTo("10.213.91.1:27592,10.213.91.2:27593,10.213.91.3:27594");
            assertThat(namespaces()).hasSize(6);
        } else {
            cluster.up(PORT_BASE, 3, 3).assertOk();
        }
        long up = System.nanoTime();

        Cli.Result drill = cluster.cli.start("drill", "--name", NAME, "--records-per-fault", String.valueOf(RECORDS),
                "--rate", "2000", "--down-seconds", "3", "--pause-seconds", "12", "--isolate-seconds", "12",
                "--recover-timeout", "120").await(1500);

        System.out.println("DrillIT: isolated " + isolated + "; up took " + (up - started) / 1_000_000_000
                + " s, the drill " + (System.nanoTime() - up) / 1_000_000_000 + " s\n" + drill.out());
        assertThat(drill.exitCode()).as(() -> "drill exit code; stdout:\n" + drill.out() + "\nstderr:\n"
                + drill.err() + "\n" + cluster.diagnostics()).isZero();
        Map<String, Map<String, String>> rows = summary(drill.out());
        assertThat(rows.keySet()).containsExactlyElementsOf(FAULTS);
        if (!isolated) {
            assertThat(rows.remove("broker-isolate")).containsEntry("result", "SKIPPED");
        }
        rows.forEach((fault, row) -> {
            String context = fault + " in:\n" + drill.out() + "\n" + drill.err();
            assertThat(Long.parseLong(row.get("acked")) + Long.parseLong(row.get("failed-sends"))).as(context)
                    .isGreaterThanOrEqualTo(RECORDS);
            assertThat(row).as(context).containsEntry("lost", "0").containsEntry("duplicates", "0")
                    .containsEntry("reordered", "0").containsEntry("result", "PASS");
            if (!REFUSAL_EXPECTED.contains(fault)) {
                assertThat(row).as(context).containsEntry("failed-sends", "0");
            }
        });
        assertThat(drill.out()).contains("while down: 0 verifier records acknowledged")
                .containsPattern("probe writes: \\d+ refused \\(NotEnoughReplicas")
                .doesNotContain("probe writes acknowledged")
                .endsWith("result: PASS\n");
        if (isolated) {
            assertIsolatedBrokerLeftToKafka(drill.out());
        }
    }

    /**
     * Kafka fenced the cut-off broker and moved its leadership, while the supervisor was watching it: the fault's
     * PASS includes that it stayed registered throughout (fenced, never unregistered: it was alive).
     */
    private void assertIsolatedBrokerLeftToKafka(String out) {
        assertThat(out).contains("fenced by the controller").contains("led no partition of 'kafka-ha-drill'");
        Matcher victim = Pattern.compile("cut (chaos-broker-\\d) \\(leads").matcher(out);
        assertThat(victim.find()).as(out).isTrue();
        String supervisor = read(cluster.clusterDir().resolve("supervisor").resolve("supervisor.log"));
        assertThat(supervisor).as("the supervisor watched it").contains("watching " + victim.group(1));

        cluster.cli.run("local", "down", "--purge", "--name", NAME).assertOk();
        assertThat(namespaces()).isEmpty();
        assertThat(links()).isEmpty();
    }

    /** The rows of the final "drill summary:" table, by fault, each column by its header. */
    static Map<String, Map<String, String>> summary(String out) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf("drill summary:");
        assertThat(start).as("a summary in:%n%s", out).isNotNegative();
        String[] header = lines.get(start + 1).trim().split("\\s+");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (line.startsWith("result:")) {
                break;
            }
            String[] cells = line.trim().split("\\s+");
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 0; column < header.length; column++) {
                row.put(header[column], cells[column]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    /** Network namespaces need root and iproute2. */
    private static boolean canIsolate() {
        return ip("netns", "list") != null && "0\n".equals(run(List.of("id", "-u")));
    }

    /** Last resort after a failed test: no namespace, veth or bridge of this test may stay behind. */
    private static void removeNetworkLeftovers() {
        // veths first (each takes its peer with it), the bridge last
        links().stream().sorted(Comparator.comparing(String::length).reversed())
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
