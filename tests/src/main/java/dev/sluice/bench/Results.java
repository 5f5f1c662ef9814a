package dev.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of every round for each broker, and the tables made from them: the broker measured against the
 * one it is compared with, Sluice against Kafka unless a baseline build of Sluice takes Kafka's place.
 */
final class Results {
    static final String SLUICE = "sluice";
    static final String KAFKA = "kafka";
    static final String BASELINE = "baseline";

    private final int rounds;
    private final String measured;
    private final String reference;
    private final Map<Figure, Map<String, double[]>> values = new LinkedHashMap<>();

    Results(int rounds, String measured, String reference) {
        this.rounds = rounds;
        this.measured = measured;
        this.reference = reference;
    }

    synchronized void add(Figure figure, String broker, int round, double value) {
        values.computeIfAbsent(figure, f -> new LinkedHashMap<>())
                .computeIfAbsent(broker, b -> {
                    double[] perRound = new double[rounds];
                    Arrays.fill(perRound, Double.NaN);
                    return perRound;
                })[round] = value;
    }

    synchronized double[] values(Figure figure, String broker) {
        return values.getOrDefault(figure, Map.of()).getOrDefault(broker, new double[0]).clone();
    }

    /** Whether the reference is Kafka, which the ratio targets are set against, rather than another build. */
    boolean comparesWithKafka() {
        return KAFKA.equals(reference);
    }

    synchronized List<Figure> figures() {
        return List.copyOf(values.keySet());
    }

    /** Measured/reference (Sluice/Kafka) per round, for the rounds where both have a value. */
    double[] ratios(Figure figure) {
        double[] numerators = values(figure, measured);
        double[] denominators = values(figure, reference);
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < Math.min(numerators.length, denominators.length); r++) {
            if (!Double.isNaN(numerators[r]) && !Double.isNaN(denominators[r]) && denominators[r] != 0) {
                ratios.add(numerators[r] / denominators[r]);
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            return Double.NaN;
        }
        int mid = present.length / 2;
        return present.length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    /** The comparison as rows of cells: figure, unit, each broker's median (min-max), ratios. */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("workload", "figure", title(measured) + " median (min-max)",
                title(reference) + " median (min-max)", title(measured) + "/" + title(reference) + " per round",
                "median ratio"));
        for (Figure figure : figures()) {
            double[] ratios = ratios(figure);
            List<String> perRound = new ArrayList<>();
            for (double ratio : ratios) {
                perRound.add(format(ratio));
            }
            rows.add(List.of(figure.workload(), figure.metric() + " (" + figure.unit() + ")",
                    summary(values(figure, measured)), summary(values(figure, reference)),
                    ratios.length == 0 ? "-" : String.join(" ", perRound),
                    ratios.length == 0 ? "-" : format(median(ratios))));
        }
        return rows;
    }

    String markdown() {
        return markdown(rows());
    }

    String text() {
        return text(rows());
    }

    /** A Markdown table of {@code rows}, the first of which is the header. */
    static String markdown(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            out.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                out.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code rows} in aligned columns, for a terminal. */
    static String text(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                out.append(String.format("%-" + widths[c] + "s", row.get(c))).append(c + 1 < row.size() ? "  " : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    List<Map<String, Object>> json() {
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure figure : figures()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("workload", figure.workload());
            entry.put("metric", figure.metric());
            entry.put("unit", figure.unit());
            entry.put("higherIsBetter", figure.higherIsBetter());
            entry.put(measured, boxed(values(figure, measured)));
            entry.put(reference, boxed(values(figure, reference)));
            entry.put("ratios", boxed(ratios(figure)));
            figures.add(entry);
        }
        return figures;
    }

    private static String title(String broker) {
        return Character.toUpperCase(broker.charAt(0)) + broker.substring(1);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? null : v).toList();
    }

    /** The median of the values present, and their range when there are several. */
    static String summary(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return "-";
        }
        double min = Arrays.stream(present).min().orElseThrow();
        double max = Arrays.stream(present).max().orElseThrow();
        String median = format(median(present));
        return present.length == 1 ? median : median + " (" + format(min) + "-" + format(max) + ")";
    }

    /** Three significant digits or so, with k/M for large numbers. */
    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
