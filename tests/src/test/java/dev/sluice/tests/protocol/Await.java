package dev.sluice.tests.protocol;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; for state that other threads publish. */
final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout.toMillis() + " ms: " + description);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
