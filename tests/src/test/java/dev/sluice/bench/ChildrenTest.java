package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChildrenTest {
    /** Starts a long-running child through {@link Children}, prints its pid and waits to be stopped. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Process child = Children.track(new ProcessBuilder("sleep", "600").start());
            System.out.println(child.pid());
            System.out.flush();
            child.waitFor();
        }
    }

    @Test
    void aHarnessToldToStopStopsWhatItStarted() throws Exception {
        Process parent = new ProcessBuilder(BrokerKind.java(), "-cp", System.getProperty("java.class.path"),
                Parent.class.getName()).redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().strip());
        }
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertTrue(child.isPresent() && child.get().isAlive(), "the child was not running");

        parent.destroy();

        assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent did not exit");
        child.get().onExit().get(30, TimeUnit.SECONDS);
        assertFalse(child.get().isAlive());
    }
}
