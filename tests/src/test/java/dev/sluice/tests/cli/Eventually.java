package dev.sluice.tests.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Waits for a condition on the broker's state by polling it, failing with a description after a deadline. */
final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    static void await(String description, Callable<Boolean> condition) throws Exception {
        await(() -> description, condition);
    }

    /** Like {@link #await(String, Callable)}, describing the failure only once it happened. */
    static void await(Supplier<String> description, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + DEADLINE.toSeconds() + " s: " + description.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
