package dev.sluice.broker.groups;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timer that runs the group coordinator's deadlines, on real threads and the real clock. */
class DeadlineTimerTest {
    private static final long FAR_MS = 600_000;

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    /** One entry per run: when it started. */
    private final LinkedBlockingQueue<Long> runs = new LinkedBlockingQueue<>();
    /** What each run returns as its next deadline, in order; far ahead once they are used up. */
    private final Deque<Long> nextDeadlines = new ArrayDeque<>();

    private final DeadlineTimer timer = new DeadlineTimer(executor, System::currentTimeMillis, () -> {
        runs.add(System.currentTimeMillis());
        synchronized (nextDeadlines) {
            Long next = nextDeadlines.poll();
            return next == null ? Long.MAX_VALUE : next;
        }
    });

    DeadlineTimerTest() {
        executor.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private Long awaitRun() throws InterruptedException {
        return runs.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void runsAtTheDeadlineAndThenAtTheOneTheRunReturns() throws InterruptedException {
        long start = System.currentTimeMillis();
        synchronized (nextDeadlines) {
            nextDeadlines.add(start + 150);
        }
        timer.wakeBy(start + 50);
        Long first = awaitRun();
        assertNotNull(first, "the first deadline came");
        Long second = awaitRun();
        assertNotNull(second, "the deadline the first run returned came");
        assertTrue(second >= start + 150, "not before it was due");
        assertNull(runs.poll(200, TimeUnit.MILLISECONDS), "nothing more was asked for");
        assertEquals(0, executor.getQueue().size());
    }

    @Test
    void anEarlierDeadlineReplacesALaterOneAndALaterOneChangesNothing() throws InterruptedException {
        long start = System.currentTimeMillis();
        timer.wakeBy(start + FAR_MS);
        timer.wakeBy(start + 2 * FAR_MS);
        assertEquals(1, executor.getQueue().size(), "a later deadline is covered by the run already due");
        timer.wakeBy(start);
        assertNotNull(awaitRun(), "the earlier deadline ran at once");
        assertNull(runs.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, executor.getQueue().size(), "the far run was cancelled, and the run asked for nothing");
    }

    @Test
    void aFailedRunIsTriedAgain() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        DeadlineTimer failingOnce = new DeadlineTimer(executor, System::currentTimeMillis, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first run fails");
            }
            runs.add(System.currentTimeMillis());
            return Long.MAX_VALUE;
        });
        failingOnce.wakeBy(System.currentTimeMillis());
        assertNotNull(awaitRun(), "a second run followed the failed one");
        assertEquals(2, calls.get());
    }

    @Test
    void askingAfterShutdownIsIgnored() {
        executor.shutdown();
        assertDoesNotThrow(() -> timer.wakeBy(System.currentTimeMillis()));
    }
}
