package dev.sluice.broker.groups;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a task when the earliest deadline asked of it comes, rather than polling. The task returns the next
 * deadline it has; any thread may ask for an earlier one. A wake-up costs a broker on a virtual machine tens
 * of microseconds, so an idle coordinator should not wake at all.
 */
final class DeadlineTimer {
    private static final Logger log = LoggerFactory.getLogger(DeadlineTimer.class);
    /** How soon a run that failed is tried again. */
    private static final long RETRY_MS = 1000;

    private final ScheduledExecutorService executor;
    private final LongSupplier clock;
    private final LongSupplier task;
    /** Held while the task runs: a run scheduled while another is under way waits for it. */
    private final Object running = new Object();
    private long scheduledFor = Long.MAX_VALUE;
    private ScheduledFuture<?> pending;
    /** Tells the run scheduled last from runs it replaced that had already started. */
    private long schedules;

    DeadlineTimer(ScheduledExecutorService executor, LongSupplier clock, LongSupplier task) {
        this.executor = executor;
        this.clock = clock;
        this.task = task;
    }

    /** Makes the task run no later than this time (in the clock's milliseconds); Long.MAX_VALUE asks nothing. */
    synchronized void wakeBy(long deadlineMs) {
        if (deadlineMs >= scheduledFor) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long schedule = ++schedules;
        try {
            pending = executor.schedule(() -> run(schedule), Math.max(0, deadlineMs - clock.getAsLong()),
                    TimeUnit.MILLISECONDS);
            scheduledFor = deadlineMs;
        } catch (RejectedExecutionException shuttingDown) {
            pending = null;
        }
    }

    private void run(long schedule) {
        synchronized (this) {
            if (schedule == schedules) {
                scheduledFor = Long.MAX_VALUE;
                pending = null;
            }
        }
        long next;
        synchronized (running) {
            try {
                next = task.getAsLong();
            } catch (RuntimeException e) {
                log.error("Group deadlines could not be checked; trying again in {} ms", RETRY_MS, e);
                next = clock.getAsLong() + RETRY_MS;
            }
        }
        wakeBy(next);
    }
}
