package dev.sluice.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bin/sluice} launcher as a user runs it, with the jar {@code mvn verify} packaged. */
class LauncherTest {
    private static final long PROCESS_DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    private Process launch(Path archive, String... args) throws Exception {
        Path launcher = Path.of("..").toAbsolutePath().normalize().resolve("bin").resolve("sluice");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("SLUICE_CLASS_ARCHIVE", archive.toString());
        return builder.start();
    }

    private void runToTheEnd(Process process) throws Exception {
        assertTrue(process.waitFor(PROCESS_DEADLINE_SECONDS, TimeUnit.SECONDS), "sluice did not exit");
        assertEquals(0, process.exitValue(), this::stderr);
    }

    private String stderr() {
        try {
            return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void theClassArchiveIsKeptOnlyFromABrokerThatServed() throws Exception {
        Path archive = dir.resolve("sluice.jsa");
        Path served = dir.resolve("sluice.jsa.served");

        runToTheEnd(launch(archive, "server", "--help"));
        assertTrue(Files.exists(archive), "the first `sluice server` after a build writes the archive as it stops");
        assertFalse(Files.exists(served), "`server --help` never served, so its archive is not to be kept");
        long helpArchiveBytes = Files.size(archive);

        Process server = launch(archive, "server", "--override", "listeners=PLAINTEXT://127.0.0.1:0",
                "--override", "log.dirs=" + dir.resolve("data"), "--override", "metrics.listener=none");
        try {
            Eventually.await(() -> "the broker never marked the archive; stderr:\n" + stderr(),
                    () -> Files.exists(served) || !server.isAlive());
            assertTrue(server.isAlive(), this::stderr);
        } finally {
            server.destroy();
            assertTrue(server.waitFor(PROCESS_DEADLINE_SECONDS, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
        long servedArchiveBytes = Files.size(archive);
        assertTrue(servedArchiveBytes > 4 * helpArchiveBytes, "the broker's archive (" + servedArchiveBytes
                + " bytes) was written again, with far more classes than --help's (" + helpArchiveBytes + ")");
        FileTime written = Files.getLastModifiedTime(archive);

        runToTheEnd(launch(archive, "server", "--help"));
        assertEquals(written, Files.getLastModifiedTime(archive), "a kept archive is used, not written again");
        assertTrue(Files.exists(served));
    }
}
