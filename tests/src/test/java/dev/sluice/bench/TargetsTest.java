package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import dev.sluice.bench.Workloads.Client;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final Settings SETTINGS = new Settings(Path.of("."), Path.of("work"), 3, 1_000_000,
            List.of(10_000, 50_000), 100_000, 3, 5, 5, 20, 1000, 30, 20, false, "", "");
    private static final List<Targets.Target> TARGETS = Targets.all(SETTINGS);

    @Test
    void ratioTargetsCountTheRowsWhoseMedianRatioMeetsThem() {
        Results results = new Results(3, Results.SLUICE, Results.KAFKA);
        add(results, Figure.cpuPerMillion(new Workloads.Produce(100, "all", 1, Client.JAVA).title()), 0.30);
        add(results, Figure.cpuPerMillion(new Workloads.Produce(100, "all", 6, Client.JAVA).title()), 0.40);
        add(results, Figure.cpuPerMillion(new Workloads.Produce(1024, "all", 1, Client.JAVA).title()), 0.25);
        add(results, Figure.cpuPerMillion(new Workloads.Produce(100, "1", 1, Client.JAVA).title()), 5);
        add(results, Figure.throughput(new Workloads.Consume(100, 1, Client.JAVA).title()), 1.2);
        add(results, Figure.throughput(new Workloads.Consume(1024, 6, Client.KCAT).title()), 1.5);

        assertEquals(List.of(
                List.of("target", "medians", "met"),
                List.of("broker CPU ≤ ⅓ of Kafka's, producing, acks=all, java", "0.30, 0.40, 0.25", "2 of 3 rows"),
                List.of("consume throughput ≥ 1.5× Kafka's", "1.20, 1.50", "1 of 2 rows")),
                Targets.rows(TARGETS, results));
    }

    @Test
    void absoluteTargetsJudgeSluicesMedianAndCountTheRounds() {
        Results results = new Results(3, Results.SLUICE, Results.KAFKA);
        double[] startup = {0.5, 1.2, 0.9};
        double[] rss = {300, 100, 260};
        for (int round = 0; round < 3; round++) {
            results.add(Figure.startup(), Results.SLUICE, round, startup[round]);
            results.add(Figure.startup(), Results.KAFKA, round, 2);
            results.add(Figure.rssAfterProduce(), Results.SLUICE, round, rss[round]);
        }
        results.add(Figure.latency(new Workloads.Latency(50_000).title(), "p99.9"), Results.SLUICE, 1, 10);

        assertEquals(List.of(
                List.of("target", "medians", "met"),
                List.of("startup ≤ 1 s", "0.90 (0.50-1.20) s", "yes, in 2 of 3 rounds"),
                List.of("RSS after the produce workloads ≤ 256 MB", "260 (100-300) MB", "no, in 1 of 3 rounds"),
                List.of("p99.9 ≤ 10 ms at 50k records/s, acks=all", "10.0 ms", "yes, in 1 of 1 rounds")),
                Targets.rows(TARGETS, results));
    }

    @Test
    void againstAnotherBuildOnlyTheTargetsOnSluicesOwnFiguresAreJudged() {
        Results results = new Results(3, Results.SLUICE, Results.BASELINE);
        Figure endToEnd = Figure.latency(Workloads.EndToEnd.titleAt(SETTINGS.endToEndRate()), "p99");
        for (int round = 0; round < 3; round++) {
            results.add(endToEnd, Results.SLUICE, round, 0.5);
            results.add(endToEnd, Results.BASELINE, round, 1);
        }
        add(results, Figure.throughput(new Workloads.Produce(100, "1", 1, Client.KCAT).title()), 2);

        assertEquals(List.of(
                List.of("target", "medians", "met"),
                List.of("end-to-end p99 ≤ 2 ms at low load", "0.50 (0.50-0.50) ms", "yes, in 3 of 3 rounds")),
                Targets.rows(TARGETS, results));
        assertEquals(1, Targets.rows(TARGETS, new Results(3, Results.SLUICE, Results.KAFKA)).size());
    }

    /** Three rounds in which Sluice's value is {@code ratio} times the reference's. */
    private static void add(Results results, Figure figure, double ratio) {
        for (int round = 0; round < 3; round++) {
            results.add(figure, Results.SLUICE, round, ratio * (round + 1));
            results.add(figure, results.comparesWithKafka() ? Results.KAFKA : Results.BASELINE, round, round + 1);
        }
    }
}
