package dev.sluice.bench.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.format.OutputFormatFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every microbenchmark once, in this JVM, for about 100 ms per parameter combination: a benchmark that
 * throws, reports nothing or reports a non-positive time fails the build, long before anyone measures with it.
 */
class MicrobenchmarksTest {
    private static final String INCLUDE = "^" + Pattern.quote(MicrobenchmarksTest.class.getPackageName()) + "\\.";

    @Test
    void everyBenchmarkRunsOnceAndReportsAPositiveTime() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(INCLUDE)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new TreeSet<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            Result<?> primary = run.getPrimaryResult();
            assertTrue(primary.getScore() > 0, name + " " + run.getParams() + " scored " + primary.getScore());
            assertFalse(Double.isNaN(primary.getScore()), name + " scored NaN");
            ran.add(name);
        }
        assertFalse(ran.isEmpty(), "no benchmark ran");
        assertEquals(listedBenchmarks(), ran);
    }

    /** Every benchmark method the annotation processor found in this package. */
    private static Set<String> listedBenchmarks() {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(discard, VerboseMode.SILENT), List.of(INCLUDE), List.of());
        return entries.stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
    }
}
