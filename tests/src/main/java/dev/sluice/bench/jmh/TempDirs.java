package dev.sluice.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Temporary log directories and the background executor a log needs, created and removed per trial. */
final class TempDirs {
    private TempDirs() {
    }

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory("sluice-jmh-" + prefix);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The log's background thread (fsync of rolled segments, delayed deletes), as the broker gives it one. */
    static ScheduledExecutorService background() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sluice-jmh-log-background");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the executor after its queued work (a pending delete or fsync) has run. */
    static void stop(ScheduledExecutorService background) throws InterruptedException {
        background.shutdown();
        if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("log background work did not finish within 30 s");
        }
    }
}
