package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
    private static final Figure THROUGHPUT = Figure.throughput("produce");

    @Test
    void ratiosPairTheBrokersRoundByRoundAndSkipMissingRounds() {
        Results results = new Results(3, Results.SLUICE, Results.KAFKA);
        results.add(THROUGHPUT, Results.SLUICE, 0, 300);
        results.add(THROUGHPUT, Results.KAFKA, 0, 100);
        results.add(THROUGHPUT, Results.SLUICE, 1, 200);
        results.add(THROUGHPUT, Results.SLUICE, 2, 100);
        results.add(THROUGHPUT, Results.KAFKA, 2, 200);
        assertArrayEquals(new double[] {3.0, 0.5}, results.ratios(THROUGHPUT));
        List<String> row = results.rows().get(1);
        assertEquals(List.of("produce", "throughput (records/s)", "200 (100-300)", "150 (100-200)", "3.00 0.50",
                "1.75"), row);
    }

    @Test
    void medianOfEvenAndOddCountsIgnoresMissingValues() {
        assertEquals(2.0, Results.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Results.median(new double[] {4, Double.NaN, 1, 2, 3}));
        assertTrue(Double.isNaN(Results.median(new double[] {Double.NaN})));
    }

    @Test
    void formatKeepsAboutThreeSignificantDigits() {
        assertEquals("1.23M", Results.format(1_234_567));
        assertEquals("296k", Results.format(295_800));
        assertEquals("6887", Results.format(6887));
        assertEquals("10.5", Results.format(10.5));
        assertEquals("0.44", Results.format(0.4417));
    }

    @Test
    void markdownSectionIsAppendedOnceThenReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.md");
        Files.writeString(file, "intro\n");
        Bench.replaceSection(file, "first\n");
        Bench.replaceSection(file, "second\n");
        assertEquals("intro\n\n" + Bench.MARKDOWN_BEGIN + "\nsecond\n" + Bench.MARKDOWN_END + "\n",
                Files.readString(file));
    }
}
