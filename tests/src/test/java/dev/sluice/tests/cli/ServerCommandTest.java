package dev.sluice.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.tests.cli.SluiceCli.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice server} with a configuration it must refuse: it exits with 1 and one line on stderr
 * naming the problem, before a broker is listening. Every run points the listener at an ephemeral port
 * and the data at a temporary directory, so a configuration wrongly accepted cannot disturb anything;
 * the deadline turns such a broker, which would run until interrupted, into a failure.
 */
class ServerCommandTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Result server(String... args) {
        List<String> all = new ArrayList<>(List.of("server",
                "--override", "listeners=PLAINTEXT://127.0.0.1:0",
                "--override", "metrics.listener=127.0.0.1:0",
                "--override", "log.dirs=" + dir.resolve("data")));
        all.addAll(List.of(args));
        return assertTimeoutPreemptively(DEADLINE, () -> SluiceCli.run(all.toArray(String[]::new)));
    }

    private static void assertOneErrorLine(Result result) {
        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out(), result::toString);
        assertTrue(result.err().startsWith("error: "), result::toString);
        assertEquals(1, result.err().lines().count(), "more than one line on stderr:\n" + result);
    }

    @Test
    void unknownKeyIsRefusedByName() {
        Result result = server("--override", "log.segment.byte=1048576");

        assertOneErrorLine(result);
        assertTrue(result.err().startsWith("error: invalid configuration: "), result::toString);
        assertTrue(result.err().contains("log.segment.byte"), result::toString);
    }

    @Test
    void invalidValueIsRefusedNamingKeyAndValue() {
        Result result = server("--override", "log.segment.bytes=abc");

        assertOneErrorLine(result);
        assertTrue(result.err().startsWith("error: invalid configuration: "), result::toString);
        assertTrue(result.err().contains("log.segment.bytes"), result::toString);
        assertTrue(result.err().contains("abc"), result::toString);
    }

    @Test
    void valueOutOfRangeIsRefusedNamingTheKey() {
        Result result = server("-o", "num.partitions=0");

        assertOneErrorLine(result);
        assertTrue(result.err().contains("num.partitions"), result::toString);
    }

    @Test
    void missingConfigFileIsRefusedNamingThePath() {
        Path missing = dir.resolve("missing").resolve("server.properties");

        Result result = server("--config", missing.toString());

        assertOneErrorLine(result);
        assertTrue(result.err().contains(missing.toString()), result::toString);
        assertTrue(result.err().toLowerCase().contains("no such file"), result::toString);
    }

    @Test
    void invalidValueInTheConfigFileIsRefusedNamingTheKey() throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "# a broker\nnum.network.threads=3\nlog.retention.hours=forever\n");

        Result result = server("-c", file.toString());

        assertOneErrorLine(result);
        assertTrue(result.err().contains("log.retention.hours"), result::toString);
        assertTrue(result.err().contains("forever"), result::toString);
    }

    @Test
    void malformedLineInTheConfigFileIsRefusedWithItsPosition() throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "num.network.threads=3\njust some words\n");

        Result result = server("-c", file.toString());

        assertOneErrorLine(result);
        assertTrue(result.err().contains(file + ":2"), result::toString);
    }

    @Test
    void overrideWinsOverAnInvalidValueInTheFile() throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "log.segment.bytes=abc\n");

        Result result = server("-c", file.toString(), "-o", "log.segment.bytes=1048576", "-o", "num.partitions=-5");

        assertOneErrorLine(result);
        assertFalse(result.err().contains("log.segment.bytes"), result::toString);
        assertTrue(result.err().contains("num.partitions"), result::toString);
    }

    @Test
    void portInUseIsRefusedNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Result result = server("-o", "listeners=PLAINTEXT://127.0.0.1:" + port);

            assertOneErrorLine(result);
            assertTrue(result.err().startsWith("error: cannot listen on 127.0.0.1:" + port + " "), result::toString);
        }
    }

    @Test
    void aStartThatCannotListenLeavesNoBrokerThreadsBehind() throws Exception {
        Set<String> before = sluiceThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Result result = server("-o", "listeners=PLAINTEXT://127.0.0.1:" + taken.getLocalPort());

            assertEquals(1, result.status(), result::toString);
        }
        Eventually.await(() -> "the failed start stops every thread it started, but these run: " + newThreads(before),
                () -> newThreads(before).isEmpty());
    }

    private static Set<String> newThreads(Set<String> before) {
        Set<String> threads = sluiceThreads();
        threads.removeAll(before);
        return new TreeSet<>(threads);
    }

    private static Set<String> sluiceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("sluice-"))
                .collect(Collectors.toSet());
    }
}
