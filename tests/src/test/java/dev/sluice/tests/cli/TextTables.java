package dev.sluice.tests.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the text the {@code sluice} admin commands print for people: aligned tables whose columns are
 * separated by at least two spaces, and titled sections ({@code TITLE}, a rule of {@code =}, a body,
 * a blank line). Stateless.
 */
final class TextTables {

    private TextTables() {
    }

    /** Every line of {@code table} split into cells; the first row is the header. */
    static List<List<String>> rows(String table) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : table.lines().toList()) {
            if (!line.isBlank()) {
                rows.add(List.of(line.strip().split(" {2,}")));
            }
        }
        return rows;
    }

    /** The rows below the header, each as a map from header to cell. */
    static List<Map<String, String>> records(String table) {
        List<List<String>> rows = rows(table);
        List<String> header = rows.get(0);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != header.size()) {
                throw new AssertionError("row " + row + " does not match header " + header + " in:\n" + table);
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                record.put(header.get(c), row.get(c));
            }
            records.add(record);
        }
        return records;
    }

    /** The row whose first cell is {@code key}, if any. */
    static Optional<Map<String, String>> recordWithFirstCell(String table, String key) {
        String firstColumn = rows(table).get(0).get(0);
        return records(table).stream().filter(r -> r.get(firstColumn).equals(key)).findFirst();
    }

    /** The body of the section titled {@code title}: the lines after its rule, up to the next blank line. */
    static String section(String text, String title) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals(title) && lines.get(i + 1).equals("=".repeat(title.length()))) {
                StringBuilder body = new StringBuilder();
                for (int j = i + 2; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    body.append(lines.get(j)).append('\n');
                }
                return body.toString();
            }
        }
        throw new AssertionError("no section " + title + " in:\n" + text);
    }

    /** The label/value pairs of a section body printed without a header line. */
    static Map<String, String> pairs(String body) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (List<String> row : rows(body)) {
            if (row.size() != 2) {
                throw new AssertionError("expected a label and a value but got " + row + " in:\n" + body);
            }
            pairs.put(row.get(0), row.get(1));
        }
        return pairs;
    }
}
