package io.kafkaha.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test: {@code kafka-ha drill} through the real CLI against one 3+3 local cluster, every fault, at least
 * 20,000 records each at 2,000 records/s, each judged per message by the verifier: nothing acknowledged is lost,
 * duplicated or reordered, no send fails except where the cluster rightly refuses (two brokers down, the whole
 * cluster down), and with two brokers down nothing is acknowledged while the probe writes are refused.
 */
class DrillIT {
    private static final String NAME = "chaos";
    private static final int PORT_BASE = 27592;
    private static final long RECORDS = 20_000;
    private static final List<String> FAULTS = List.of("broker-kill", "broker-pause", "controller-kill",
            "two-brokers-down", "cluster-kill");
    /** Where the cluster rightly refuses writes, a producer may be told so; nowhere is an acknowledged one lost. */
    private static final Set<String> REFUSAL_EXPECTED = Set.of("two-brokers-down", "cluster-kill");

    @TempDir
    Path home;
    private LocalClusterFixture cluster;

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void everyFaultKeepsEveryAcknowledgedRecord() {
        cluster = new LocalClusterFixture(home, NAME);
        cluster.up(PORT_BASE, 3, 3).assertOk();
        long started = System.nanoTime();

        Cli.Result drill = cluster.cli.start("drill", "--name", NAME, "--records-per-fault", String.valueOf(RECORDS),
                "--rate", "2000", "--down-seconds", "3", "--pause-seconds", "12").await(1200);

        System.out.println("DrillIT: drill took " + (System.nanoTime() - started) / 1_000_000_000 + " s\n"
                + drill.out());
        drill.assertOk();
        Map<String, Map<String, String>> rows = summary(drill.out());
        assertThat(rows.keySet()).containsExactlyElementsOf(FAULTS);
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
}
