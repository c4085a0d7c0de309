package io.kafkaha.bench;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells, printed aligned for the terminal or as a Markdown table for the results file. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    String text() {
        int[] widths = new int[header.size()];
        for (List<String> row : all()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                // labels left, figures right
                line.append(i < 2 ? pad(cell, widths[i], false) : pad(cell, widths[i], true)).append("  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            text.append(i < 2 ? "---|" : "---:|");
        }
        text.append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return text.toString();
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String pad(String cell, int width, boolean right) {
        String padding = " ".repeat(Math.max(0, width - cell.length()));
        return right ? padding + cell : cell + padding;
    }
}
