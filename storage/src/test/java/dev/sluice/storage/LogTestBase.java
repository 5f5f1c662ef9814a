package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Shared fixture: a temp partition directory, a hand-driven clock and a background executor. */
abstract class LogTestBase {
    static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path root;
    final TestClock clock = new TestClock(NOW);
    final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    private final List<Log> opened = new ArrayList<>();

    Path dir() {
        return root.resolve("topic-0");
    }

    static ConfigBuilder config() {
        return new ConfigBuilder();
    }

    Log open(LogConfig config) throws IOException {
        Log log = Log.open(dir(), config, clock, background);
        opened.add(log);
        return log;
    }

    /**
     * Leaves {@code log} as a crashed process would: not closed, no clean-shutdown marker. Background work
     * already queued (fsync of rolled segments) is let finish so it cannot race with the next open.
     */
    void crash(Log log) throws Exception {
        opened.remove(log);
        background.submit(() -> { }).get();
    }

    Log open() throws IOException {
        return open(LogConfig.defaults());
    }

    @AfterEach
    void closeLogs() {
        for (Log log : opened) {
            log.close();
        }
        background.shutdownNow();
    }
}
