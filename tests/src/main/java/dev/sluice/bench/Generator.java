package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import dev.sluice.bench.load.LoadReport;

/**
 * A load generator process: started, watched (progress polled, broker checked alive) and its output kept
 * in the work directory for when something goes wrong.
 */
final class Generator {
    private Generator() {
    }

    record Outcome(String stdout, double wallSeconds) {
        Map<String, Double> report() {
            return LoadReport.parse(stdout);
        }
    }

    static Outcome run(List<String> command, Path workDir, String name, RunningBroker broker,
            Bar bar, LongSupplier progress, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        long start = System.nanoTime();
        Process process = Children.track(new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start());
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
            bar.stepTo(progress.getAsLong());
            if (System.nanoTime() - deadline > 0) {
                process.destroyForcibly().waitFor();
                throw new IOException(name + " did not finish within " + timeoutSeconds + " s; see " + err);
            }
            broker.ensureAlive();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        bar.stepTo(progress.getAsLong());
        if (process.exitValue() != 0) {
            throw new IOException(name + " failed with status " + process.exitValue() + ": "
                    + tail(err) + " (full output in " + err + ")");
        }
        return new Outcome(Files.readString(out), wall);
    }

    /** Reads a progress count a load generator wrote; 0 until it has written one. */
    static long readCount(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
