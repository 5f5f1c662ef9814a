package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Renders command results to standard output, either as aligned text tables for people or as one
 * compact JSON document per result for scripts. Table rendering is a pure function of its input.
 * Not thread-safe: one instance belongs to one running command.
 */
final class Output {

    /** How admin commands print their results. */
    enum Format { TABLE, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMN_GAP = "  ";

    private final PrintWriter out;
    private final Format format;

    Output(PrintWriter out, Format format) {
        this.out = out;
        this.format = format;
    }

    boolean isJson() {
        return format == Format.JSON;
    }

    /** Prints {@code document} as a single line of JSON. */
    void json(Object document) {
        out.println(toJson(document));
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints {@code items} as one JSON array, or as a table with one row of {@code cells} per item. */
    <T> void list(List<T> items, List<String> headers, Function<T, List<String>> cells) {
        if (isJson()) {
            json(items);
        } else {
            table(headers, items.stream().map(cells).toList());
        }
    }

    void table(List<String> headers, List<? extends List<String>> rows) {
        out.print(renderTable(headers, rows));
        out.flush();
    }

    /** Prints a titled section: the title, a rule under it, then the body and a blank line. */
    void section(String title, String body) {
        out.println(title);
        out.println("=".repeat(title.length()));
        out.print(body);
        out.println();
        out.flush();
    }

    static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders rows under upper-case headers, every column padded to its widest cell. */
    static String renderTable(List<String> headers, List<? extends List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
        }
        for (List<String> row : rows) {
            checkWidth(headers.size(), row);
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendRow(text, headers, widths);
        for (List<String> row : rows) {
            appendRow(text, row, widths);
        }
        return text.toString();
    }

    /** Renders label/value pairs as two aligned columns without a header line. */
    static String renderPairs(List<List<String>> pairs) {
        int width = 0;
        for (List<String> pair : pairs) {
            checkWidth(2, pair);
            width = Math.max(width, pair.get(0).length());
        }
        StringBuilder text = new StringBuilder();
        for (List<String> pair : pairs) {
            appendRow(text, pair, new int[] {width, 0});
        }
        return text.toString();
    }

    private static void checkWidth(int columns, List<String> row) {
        if (row.size() != columns) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + columns);
        }
    }

    private static String cell(List<String> row, int column) {
        String value = row.get(column);
        return value == null ? "-" : value;
    }

    private static void appendRow(StringBuilder text, List<String> row, int[] widths) {
        int lineStart = text.length();
        for (int c = 0; c < widths.length; c++) {
            String value = cell(row, c);
            text.append(value);
            if (c < widths.length - 1) {
                text.append(" ".repeat(widths[c] - value.length())).append(COLUMN_GAP);
            }
        }
        int end = text.length();
        while (end > lineStart && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        text.append('\n');
    }
}
