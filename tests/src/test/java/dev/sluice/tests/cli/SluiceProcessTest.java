package dev.sluice.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.tests.cli.SluiceCli.Result;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice} as a separate process, with the command's own logging configuration rather than the
 * tests': what a user sees on stdout and stderr, and the exit status, including a broker started with
 * {@code sluice server} and stopped with SIGTERM.
 */
class SluiceProcessTest {
    private static final long PROCESS_DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    /** The test class path without the tests' own classes, whose logback-test.xml would win over the command's. */
    private static String commandClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("tests", "target", "test-classes")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private ProcessBuilder sluice(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", commandClassPath(), "dev.sluice.cli.Sluice"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
    }

    /** Runs a command that ends by itself and returns what it printed. */
    private Result run(String... args) throws Exception {
        Process process = sluice(args).start();
        assertTrue(process.waitFor(PROCESS_DEADLINE_SECONDS, TimeUnit.SECONDS), "sluice did not exit");
        return new Result(process.exitValue(), stdout(), stderr());
    }

    private String stdout() {
        return read(dir.resolve("stdout.txt"));
    }

    private String stderr() {
        return read(dir.resolve("stderr.txt"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableBrokerPrintsOnlyTheErrorLine() throws Exception {
        String closed = "127.0.0.1:" + freePort();

        Result result = run("cluster", "info", "--bootstrap", closed, "--timeout", "1s");

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals("error: cannot reach a broker at " + closed + " within 1s; "
                + "start one with `sluice server` or pass --bootstrap\n", result.err());
    }

    @Test
    void bootstrapComesFromTheEnvironmentWhenNotGiven() throws Exception {
        String closed = "127.0.0.1:" + freePort();
        ProcessBuilder command = sluice("topic", "list", "--timeout", "1s");
        command.environment().put("SLUICE_BOOTSTRAP", closed);

        Process process = command.start();

        assertTrue(process.waitFor(PROCESS_DEADLINE_SECONDS, TimeUnit.SECONDS), "sluice did not exit");
        assertEquals(1, process.exitValue(), this::stderr);
        assertEquals("error: cannot reach a broker at " + closed + " within 1s; "
                + "start one with `sluice server` or pass --bootstrap\n", stderr());
    }

    @Test
    void invalidServerConfigurationPrintsOnlyTheErrorLine() throws Exception {
        Result result = run("server", "--override", "log.dirs=" + dir.resolve("data"),
                "--override", "log.segment.bytes=abc");

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().startsWith("error: invalid configuration: "), result::toString);
        assertTrue(result.err().contains("log.segment.bytes"), result::toString);
    }

    @Test
    void serverFromAFileAnnouncesItsAddressServesCommandsAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Path config = dir.resolve("server.properties");
        Files.writeString(config,
                "listeners=PLAINTEXT://127.0.0.1:" + port + "\nlog.dirs=" + dir.resolve("unused")
                        + "\nmetrics.listener=127.0.0.1:0\n");
        Process server = sluice("server", "--config", config.toString(), "--override", "log.dirs=" + data).start();
        try {
            String expected = " listening on 127.0.0.1:" + port + ", data in " + data.toAbsolutePath().normalize();
            Eventually.await(() -> "no startup line; stdout:\n" + stdout() + "stderr:\n" + stderr(),
                    () -> stdout().contains(expected) || !server.isAlive());
            List<String> lines = stdout().lines().toList();
            assertEquals(1, lines.size(), this::stdout);
            assertTrue(lines.get(0).matches("Sluice broker \\d+" + Pattern.quote(expected)), lines::toString);
            assertFalse(Files.exists(dir.resolve("unused")), "the override did not win over the file");

            String bootstrap = "127.0.0.1:" + port;
            Result created = SluiceCli.run("topic", "create", "over-the-wire", "-p", "2", "-b", bootstrap);
            assertEquals(0, created.status(), created::toString);
            Result produced = SluiceCli.runWithInput("one\ntwo\n", "produce", "over-the-wire", "-p", "1",
                    "-b", bootstrap);
            assertEquals(0, produced.status(), produced::toString);
            Result consumed = SluiceCli.run("consume", "over-the-wire", "-e", "-b", bootstrap);
            assertEquals(List.of("one", "two"), consumed.outLines(), consumed::toString);
        } finally {
            server.destroy();
            assertTrue(server.waitFor(PROCESS_DEADLINE_SECONDS, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
        assertEquals(128 + 15, server.exitValue(), this::stderr);
        String stderr = stderr();
        assertFalse(stderr.contains("Exception"), stderr);
        assertFalse(stderr.contains("ERROR"), stderr);
    }
}
