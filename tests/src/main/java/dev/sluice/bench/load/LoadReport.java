package dev.sluice.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What a load generator process tells the harness: progress as a count in a small file the harness polls,
 * and one result line of {@code key=value} pairs on stdout when it is done.
 */
public final class LoadReport {
    private final Path progressFile;
    private final Map<String, Double> values = new LinkedHashMap<>();

    LoadReport(Path progressFile) {
        this.progressFile = progressFile;
    }

    void progress(long count) {
        try {
            Files.writeString(progressFile, Long.toString(count));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadReport put(String key, double value) {
        values.put(key, value);
        return this;
    }

    /** Adds percentiles in milliseconds of a histogram recorded in nanoseconds. */
    LoadReport putLatencies(Histogram nanos) {
        put("p50_ms", nanos.getValueAtPercentile(50) / 1e6);
        put("p99_ms", nanos.getValueAtPercentile(99) / 1e6);
        put("p999_ms", nanos.getValueAtPercentile(99.9) / 1e6);
        put("max_ms", nanos.getMaxValue() / 1e6);
        return put("samples", nanos.getTotalCount());
    }

    void print() {
        StringBuilder line = new StringBuilder("result");
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        System.out.flush();
    }

    /** Parses the result line printed by {@link #print}; empty if there is none. */
    public static Map<String, Double> parse(String output) {
        Map<String, Double> parsed = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("result")) {
                for (String pair : line.substring("result".length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        parsed.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
                    }
                }
            }
        }
        return parsed;
    }

    /** Waits until the wall clock reaches {@code deadline}: parks while far off, then spins. */
    /**
     * Sleeps until the deadline without spinning: a spinning generator would take a whole core from the broker
     * it measures. Records sent late because of timer slack count that delay in their latency.
     */
    static void waitUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
