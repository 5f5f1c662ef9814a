package dev.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.sluice.bench.Workloads.Client;

/**
 * Sluice's performance targets, checked against one run: for each target, the medians it is judged on and how
 * many of them meet it. Targets on a ratio compare with Kafka, so they are only checked when Kafka ran; the
 * others are Sluice's own figures.
 */
final class Targets {
    /**
     * One target: {@code figures} (those the run measured) must each be at most {@code limit}, or at least it when
     * {@code atLeast}. A ratio target judges the median of each figure's per-round Sluice/Kafka ratios; the others
     * name one figure and judge the median of Sluice's values.
     */
    record Target(String name, List<Figure> figures, boolean ratio, boolean atLeast, double limit) {

        boolean meets(double value) {
            return atLeast ? value >= limit : value <= limit;
        }
    }

    private Targets() {
    }

    static List<Target> all(Settings settings) {
        List<Workload> workloads = Workloads.all(settings.rates());
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("startup ≤ 1 s", List.of(Figure.startup()), false, false, 1));
        targets.add(new Target("RSS after the produce workloads ≤ 256 MB", List.of(Figure.rssAfterProduce()),
                false, false, 256));
        String latency = new Workloads.Latency(50_000).title();
        targets.add(new Target("p99 ≤ 5 ms at 50k records/s, acks=all", List.of(Figure.latency(latency, "p99")),
                false, false, 5));
        targets.add(new Target("p99.9 ≤ 10 ms at 50k records/s, acks=all",
                List.of(Figure.latency(latency, "p99.9")), false, false, 10));
        String endToEnd = Workloads.EndToEnd.titleAt(settings.endToEndRate());
        targets.add(new Target("end-to-end p99 ≤ 2 ms at low load", List.of(Figure.latency(endToEnd, "p99")),
                false, false, 2));
        for (Client client : Client.values()) {
            targets.add(new Target("broker CPU ≤ ⅓ of Kafka's, producing, acks=all, " + client.label,
                    figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == client
                            && "all".equals(p.acks()), Figure::cpuPerMillion), true, false, 1.0 / 3));
        }
        for (Client client : Client.values()) {
            targets.add(new Target("broker CPU ≤ ⅓ of Kafka's, consuming, " + client.label,
                    figures(workloads, w -> w instanceof Workloads.Consume c && c.client() == client,
                            Figure::cpuPerMillion), true, false, 1.0 / 3));
        }
        targets.add(new Target("produce throughput ≥ 1.3× Kafka's, java",
                figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == Client.JAVA,
                        Figure::throughput), true, true, 1.3));
        targets.add(new Target("produce throughput ≥ 1.5× Kafka's, kcat",
                figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == Client.KCAT,
                        Figure::throughput), true, true, 1.5));
        targets.add(new Target("consume throughput ≥ 1.5× Kafka's",
                figures(workloads, w -> w instanceof Workloads.Consume, Figure::throughput), true, true, 1.5));
        return targets;
    }

    private static List<Figure> figures(List<Workload> workloads, Predicate<Workload> which,
            Function<String, Figure> figure) {
        return workloads.stream().filter(which).map(w -> figure.apply(w.title())).toList();
    }

    /**
     * A row per target the run can judge: the target, its medians in the order of the results table (with the
     * range of Sluice's values for a single figure), and how many meet it.
     */
    static List<List<String>> rows(List<Target> targets, Results results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target", "medians", "met"));
        for (Target target : targets) {
            if (target.ratio() && !results.comparesWithKafka()) {
                continue;
            }
            List<Figure> measured = target.figures().stream()
                    .filter(f -> (target.ratio() ? results.ratios(f) : present(results, f)).length > 0)
                    .toList();
            if (measured.isEmpty()) {
                continue;
            }
            if (target.ratio()) {
                List<String> medians = new ArrayList<>();
                int met = 0;
                for (Figure figure : measured) {
                    double median = Results.median(results.ratios(figure));
                    medians.add(Results.format(median));
                    met += target.meets(median) ? 1 : 0;
                }
                rows.add(List.of(target.name(), String.join(", ", medians), count(met, measured.size())));
            } else {
                Figure figure = measured.get(0);
                double[] values = present(results, figure);
                double median = Results.median(values);
                long rounds = Arrays.stream(values).filter(target::meets).count();
                rows.add(List.of(target.name(), Results.summary(values) + " " + figure.unit(),
                        (target.meets(median) ? "yes" : "no") + ", in " + rounds + " of " + values.length
                                + " rounds"));
            }
        }
        return rows;
    }

    private static double[] present(Results results, Figure figure) {
        return Arrays.stream(results.values(figure, Results.SLUICE)).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static String count(int met, int of) {
        return met + " of " + of + (of == 1 ? " row" : " rows");
    }
}
