package dev.sluice.broker.handlers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests wait for something before they can be answered: fetches for data ({@code min_bytes}
 * within {@code max_wait_ms}) and produces for the fsync that {@code flush.messages} asks for. The delayed
 * operations wait on their own timers and watchers; this only counts them. Thread-safe.
 */
public final class Purgatory {
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger produces = new AtomicInteger();

    void fetchDelayed() {
        fetches.incrementAndGet();
    }

    void fetchCompleted() {
        fetches.decrementAndGet();
    }

    void produceDelayed() {
        produces.incrementAndGet();
    }

    void produceCompleted() {
        produces.decrementAndGet();
    }

    public int waitingFetches() {
        return fetches.get();
    }

    public int waitingProduces() {
        return produces.get();
    }
}
