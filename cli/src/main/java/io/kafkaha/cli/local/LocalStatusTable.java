package io.kafkaha.cli.local;

import java.util.ArrayList;
import java.util.List;

/** The node table of {@code local status}, as aligned plain text. */
final class LocalStatusTable {
    record Row(String node, String role, int nodeId, String pid, String address, String state) {
    }

    private LocalStatusTable() {
    }

    static String render(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"NODE", "ROLE", "NODE.ID", "PID", "ADDRESS", "STATE"});
        rows.forEach(row -> cells.add(new String[] {
            row.node(), row.role(), String.valueOf(row.nodeId()), row.pid(), row.address(), row.state()}));
        int[] widths = new int[cells.get(0).length];
        cells.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 2) + "s", line[i]));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}
