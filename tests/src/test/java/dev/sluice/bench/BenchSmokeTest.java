package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end with tiny workloads: a real Sluice and a real Apache Kafka (resolved by Maven), one
 * round, one workload of each kind and both generators.
 */
class BenchSmokeTest {
    /** The fewest records a workload below measures: as many as each produce workload, or 2k/s for 1 + 1 s. */
    private static final int FEWEST_RECORDS = 4000;
    /**
     * The whole broker's CPU is read in clock ticks, user and system time each rounded down, so across a
     * workload it can fall up to two ticks (20 ms) short of what the compilers alone, read in nanoseconds, used.
     */
    private static final double BROKER_CPU_ROUNDING_PER_MILLION = 0.02 / FEWEST_RECORDS * 1_000_000;

    @Test
    void measuresBothBrokersOnEveryKindOfWorkload(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("benchmarks.md");
        Files.writeString(markdown, "# Benchmarks\n\nprose before\n\n" + Bench.MARKDOWN_BEGIN + "\nold\n"
                + Bench.MARKDOWN_END + "\n\nprose after\n");
        Path json = dir.resolve("results.json");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Results results = Bench.run(new PrintStream(output, true, StandardCharsets.UTF_8),
                "--rounds", "1", "--records", Integer.toString(FEWEST_RECORDS), "--rates", "2000",
                "--warm-up-records", "1000",
                "--warm-up-passes", "2", "--consume-passes", "2", "--ballast-mb", "16",
                "--warm-up-seconds", "1", "--latency-seconds", "1",
                "--e2e-rate", "200", "--e2e-warm-up-seconds", "1", "--e2e-seconds", "1", "--no-progress",
                "--workloads", "produce-100b-acksall-p1|produce-1024b-acks1-p6-kcat|rss|consume-100b-p1"
                        + "|latency|end-to-end",
                "--home", Path.of("..").toAbsolutePath().normalize().toString(),
                "--work-dir", dir.resolve("work").toString(), "--json", json.toString(),
                "--markdown", markdown.toString());

        Set<String> workloads = results.figures().stream().map(Figure::workload).collect(Collectors.toSet());
        assertEquals(Set.of("broker", "produce 100 B acks=all, 1 partition, java",
                "produce 100 B acks=all, 1 partition, kcat", "produce 1 KiB acks=1, 6 partitions, kcat",
                "consume 100 B, 1 partition, java", "consume 100 B, 1 partition, kcat",
                "produce latency at 2k records/s, acks=all, 100 B",
                "end-to-end latency (produce to consume) at 200 records/s"), workloads, output.toString());
        for (Figure figure : results.figures()) {
            for (String broker : List.of(Results.SLUICE, Results.KAFKA)) {
                double value = results.values(figure, broker)[0];
                assertTrue(value > 0 || (value == 0 && figure.unit().startsWith("s per")),
                        broker + " " + figure + " = " + value);
            }
            if (results.values(figure, Results.KAFKA)[0] > 0) {
                assertEquals(1, results.ratios(figure).length, figure.toString());
            }
            if (figure.equals(Figure.kernelCpuPerMillion(figure.workload()))) {
                for (String broker : List.of(Results.SLUICE, Results.KAFKA)) {
                    assertTrue(results.values(figure, broker)[0]
                                    <= results.values(Figure.cpuPerMillion(figure.workload()), broker)[0],
                            broker + " " + figure);
                }
            }
            if (figure.equals(Figure.compilerCpuPerMillion(figure.workload()))) {
                for (String broker : List.of(Results.SLUICE, Results.KAFKA)) {
                    assertTrue(results.values(figure, broker)[0]
                                    <= results.values(Figure.cpuPerMillion(figure.workload()), broker)[0]
                                    + BROKER_CPU_ROUNDING_PER_MILLION,
                            broker + " " + figure);
                }
            }
        }
        assertTrue(results.figures().contains(Figure.kernelCpuPerMillion("consume 100 B, 1 partition, kcat")),
                results.figures().toString());
        assertTrue(results.figures().contains(Figure.compilerCpuPerMillion("consume 100 B, 1 partition, kcat")),
                results.figures().toString());
        assertTrue(output.toString().contains("warm-up pass 2: broker CPU "), output.toString());
        assertFalse(output.toString().contains("warm-up pass 3"), output.toString());
        // Each broker's round had its ballast, and it is gone once the run is.
        assertEquals(2, output.toString().split("  ballast 16 MB, ", -1).length - 1, output.toString());
        assertFalse(Files.exists(dir.resolve("work").resolve("ballast.tmp")));
        for (String broker : List.of(Results.SLUICE, Results.KAFKA)) {
            // A JVM generator cannot start, let alone produce, in under a clock tick.
            assertTrue(results.values(Figure.generatorCpuPerMillion("produce 100 B acks=all, 1 partition, java"),
                    broker)[0] > 0, broker + " " + results.figures());
        }

        JsonNode document = new ObjectMapper().readTree(json.toFile());
        assertEquals(results.figures().size(), document.get("figures").size());
        assertTrue(document.get("machine").get("cores").asInt() > 0);
        assertTrue(document.get("command").asText().startsWith("bin/sluice bench --rounds 1 "),
                document.toString());

        String text = Files.readString(markdown);
        assertTrue(text.startsWith("# Benchmarks\n\nprose before\n\n" + Bench.MARKDOWN_BEGIN), text);
        assertTrue(text.endsWith(Bench.MARKDOWN_END + "\n\nprose after\n"), text);
        assertFalse(text.contains("\nold\n"), text);
        assertTrue(text.contains("| produce 100 B acks=all, 1 partition, kcat | throughput (records/s) |"), text);
        assertTrue(text.contains("| startup ≤ 1 s | "), text);
        assertTrue(text.contains("| end-to-end p99 ≤ 2 ms at low load | "), text);
        String cpuTarget = "| broker CPU ≤ ⅓ of Kafka's, producing, acks=all, java | ";
        assertTrue(text.contains(cpuTarget), text);
        assertTrue(text.substring(text.indexOf(cpuTarget)).split("\n", 2)[0].endsWith(" of 1 row |"), text);
    }

    @Test
    void comparesTwoSluiceCheckoutsRoundByRound(@TempDir Path dir) throws Exception {
        String checkout = Path.of("..").toAbsolutePath().normalize().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Results results = Bench.run(new PrintStream(output, true, StandardCharsets.UTF_8),
                "--rounds", "2", "--records", Integer.toString(FEWEST_RECORDS), "--no-warm-up",
                "--ballast-mb", "0", "--no-progress", "--workloads", "produce-100b-acksall-p1-java",
                "--home", checkout, "--baseline", checkout, "--work-dir", dir.resolve("work").toString());

        Figure throughput = Figure.throughput("produce 100 B acks=all, 1 partition, java");
        assertTrue(results.figures().contains(throughput), results.figures().toString());
        for (String broker : List.of(Results.SLUICE, Results.BASELINE)) {
            double[] perRound = results.values(throughput, broker);
            assertEquals(2, perRound.length, broker);
            assertTrue(perRound[0] > 0 && perRound[1] > 0, broker + " " + Arrays.toString(perRound));
        }
        assertEquals(0, results.values(throughput, Results.KAFKA).length);
        assertEquals(2, results.ratios(throughput).length);
        String text = output.toString();
        assertTrue(text.contains("Sluice/Baseline per round"), text);
        assertTrue(text.contains("round 2/2: baseline"), text);
        assertFalse(text.contains(": kafka"), text);
        assertTrue(text.contains("startup ≤ 1 s"), text);
        assertFalse(text.contains("Kafka's"), text);
        assertTrue(Files.exists(dir.resolve("work").resolve("baseline.log")), text);
    }
}
