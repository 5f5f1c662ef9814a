package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final StringWriter err = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(err), clock::get, TimeUnit.SECONDS.toNanos(2));

    @Test
    void shortRunsPrintNothing() {
        progress.update(10, "produced");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1999));
        progress.update(5000, "produced");

        assertEquals("", err.toString());
    }

    @Test
    void reportsCountAndRateOncePerInterval() {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        progress.update(20_000, "produced");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        progress.update(30_000, "produced");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        progress.update(40_000, "produced");

        assertEquals("produced 20000 records (10000 records/s)\nproduced 40000 records (10000 records/s)\n",
                err.toString());
    }
}
