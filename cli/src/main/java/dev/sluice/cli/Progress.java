package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Reports how many records a long-running command has handled, at most once per interval, so that
 * short runs print nothing. Confined to the thread that calls {@link #update}.
 */
final class Progress {

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long startNanos;
    private long nextReportNanos;

    Progress(PrintWriter err, LongSupplier nanoClock, long intervalNanos) {
        this.err = err;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.startNanos = nanoClock.getAsLong();
        this.nextReportNanos = startNanos + intervalNanos;
    }

    /** Prints the count and overall rate if an interval has passed since the last report. */
    void update(long count, String what) {
        long now = nanoClock.getAsLong();
        if (now - nextReportNanos < 0) {
            return;
        }
        nextReportNanos = now + intervalNanos;
        long perSecond = count * 1_000_000_000L / Math.max(1, now - startNanos);
        err.println(what + " " + count + " records (" + perSecond + " records/s)");
        err.flush();
    }
}
