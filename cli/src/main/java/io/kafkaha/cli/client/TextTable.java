package io.kafkaha.cli.client;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces, each as wide as its widest cell; trailing blanks trimmed. */
public final class TextTable {
    private final List<List<String>> rows = new ArrayList<>();
    private final String indent;

    public TextTable(String indent, String... header) {
        this.indent = indent;
        if (header.length > 0) {
            rows.add(List.of(header));
        }
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public List<String> lines() {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                int width = row.get(column).length();
                if (column == widths.size()) {
                    widths.add(width);
                } else if (width > widths.get(column)) {
                    widths.set(column, width);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                line.append(cell);
                if (column < row.size() - 1) {
                    line.append(" ".repeat(widths.get(column) - cell.length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
