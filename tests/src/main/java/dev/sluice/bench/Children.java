package dev.sluice.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Brokers and load generators the harness started. When the harness alone is told to stop (SIGTERM, say from
 * {@code timeout}, or SIGHUP) they are stopped too, instead of running on, unseen, on ports no one knows.
 */
final class Children {
    private static final long GRACE_SECONDS = 10;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Children::stopAll, "stop-children"));
    }

    private Children() {
    }

    /** Has {@code process} stopped if the harness exits before it does; returns it. */
    static Process track(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }

    /** SIGTERM, then SIGKILL if the process has not exited within the grace period; returns once it has. */
    static void stop(Process process, long graceSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void stopAll() {
        // All are asked at once, so that their grace periods overlap.
        RUNNING.forEach(Process::destroy);
        for (Process process : RUNNING) {
            try {
                stop(process, GRACE_SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
