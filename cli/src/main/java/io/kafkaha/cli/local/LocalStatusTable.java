package io.kafkaha.cli.local;

import io.kafkaha.cli.client.TextTable;
import java.util.List;

/** The node table of {@code local status}, as aligned plain text. */
final class LocalStatusTable {
    record Row(String node, String role, int nodeId, String pid, String address, String state) {
    }

    private LocalStatusTable() {
    }

    static String render(List<Row> rows) {
        TextTable table = new TextTable("", "NODE", "ROLE", "NODE.ID", "PID", "ADDRESS", "STATE");
        rows.forEach(row -> table.row(row.node(), row.role(), row.nodeId(), row.pid(), row.address(), row.state()));
        return String.join("\n", table.lines());
    }
}
