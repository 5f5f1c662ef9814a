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

        /** Sluice's own figure, at most {@code limit}. */
        static Target atMost(String name, Figure figure, double limit) {
            return new Target(name, List.of(figure), false, false, limit);
        }

        static Target ratioAtMost(String name, List<Figure> figures, double limit) {
            return new Target(name, figures, true, false, limit);
        }

        static Target ratioAtLeast(String name, List<Figure> figures, double limit) {
            return new Target(name, figures, true, true, limit);
        }

        boolean meets(double value) {
            return atLeast ? value >= limit : value <= limit;
        }
    }

    private Targets() {
    }

    static List<Target> all(Settings settings) {
        List<Workload> workloads = Workloads.all(settings.rates());
        String latency = new Workloads.Latency(50_000).title();
        String endToEnd = Workloads.EndToEnd.titleAt(settings.endToEndRate());
        List<Target> targets = new ArrayList<>(List.of(
                Target.atMost("startup ≤ 1 s", Figure.startup(), 1),
                Target.atMost("RSS after the produce workloads ≤ 256 MB", Figure.rssAfterProduce(), 256),
                Target.atMost("p99 ≤ 5 ms at 50k records/s, acks=all", Figure.latency(latency, "p99"), 5),
                Target.atMost("p99.9 ≤ 10 ms at 50k records/s, acks=all", Figure.latency(latency, "p99.9"), 10),
                Target.atMost("end-to-end p99 ≤ 2 ms at low load", Figure.latency(endToEnd, "p99"), 2)));
        for (Client client : Client.values()) {
            targets.add(Target.ratioAtMost("broker CPU ≤ ⅓ of Kafka's, producing, acks=all, " + client.label,
                    figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == client
                            && "all".equals(p.acks()), Figure::cpuPerMillion), 1.0 / 3));
        }
        for (Client client : Client.values()) {
            targets.add(Target.ratioAtMost("broker CPU ≤ ⅓ of Kafka's, consuming, " + client.label,
                    figures(workloads, w -> w instanceof Workloads.Consume c && c.client() == client,
                            Figure::cpuPerMillion), 1.0 / 3));
        }
        targets.add(Target.ratioAtLeast("produce throughput ≥ 1.3× Kafka's, java",
                figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == Client.JAVA,
                        Figure::throughput), 1.3));
        targets.add(Target.ratioAtLeast("produce throughput ≥ 1.5× Kafka's, kcat",
                figures(workloads, w -> w instanceof Workloads.Produce p && p.client() == Client.KCAT,
                        Figure::throughput), 1.5));
        targets.add(Target.ratioAtLeast("consume throughput ≥ 1.5× Kafka's",
                figures(workloads, w -> w instanceof Workloads.Consume, Figure::throughput), 1.5));
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
            List<String> row = target.ratio() ? ratioRow(target, results) : ownRow(target, results);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The medians of the per-round ratios of the figures measured, or null when there are none to judge. */
    private static List<String> ratioRow(Target target, Results results) {
        if (!results.comparesWithKafka()) {
            return null;
        }
        List<String> medians = new ArrayList<>();
        int met = 0;
        for (Figure figure : target.figures()) {
            double[] ratios = results.ratios(figure);
            if (ratios.length > 0) {
                double median = Results.median(ratios);
                medians.add(Results.format(median));
                met += target.meets(median) ? 1 : 0;
            }
        }
        return medians.isEmpty() ? null
                : List.of(target.name(), String.join(", ", medians), count(met, medians.size()));
    }

    /** Sluice's median and range of the target's one figure, or null when the run did not measure it. */
    private static List<String> ownRow(Target target, Results results) {
        Figure figure = target.figures().get(0);
        double[] values = Arrays.stream(results.values(figure, Results.SLUICE)).filter(v -> !Double.isNaN(v))
                .toArray();
        if (values.length == 0) {
            return null;
        }
        long rounds = Arrays.stream(values).filter(target::meets).count();
        return List.of(target.name(), Results.summary(values) + " " + figure.unit(),
                (target.meets(Results.median(values)) ? "yes" : "no") + ", in " + rounds + " of " + values.length
                        + " rounds");
    }

    private static String count(int met, int of) {
        return met + " of " + of + (of == 1 ? " row" : " rows");
    }
}
