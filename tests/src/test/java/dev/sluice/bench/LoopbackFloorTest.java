package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoopbackFloorTest {
    @Test
    void bothModesDeliverTheWholeFileAndMeasureTheSender(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 12345];
        new Random(7).nextBytes(content);
        Path file = dir.resolve("00000000000000000000.log");
        Files.write(file, content);
        CRC32C expected = new CRC32C();
        expected.update(content);

        LoopbackFloor floor = new LoopbackFloor(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        new CommandLine(floor).parseArgs("--chunk-bytes", "262144", "--send-buffer-bytes", "102400",
                "--receive-buffer-bytes", "65536",
                "--read-bytes", "32768", file.toString());
        floor.verify = true;
        for (LoopbackFloor.Mode mode : LoopbackFloor.Mode.values()) {
            LoopbackFloor.Run run = floor.send(mode);
            assertEquals(content.length, run.bytes(), mode.name());
            assertEquals(expected.getValue(), run.checksum(), mode.name());
            assertTrue(run.senderCpuNanos() > 0 && run.receiverCpuNanos() > 0, run.toString());
        }
    }

    @Test
    void printsEveryRunOfEveryModeAndRefusesNonsense(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segment.log");
        Files.write(file, new byte[1 << 20]);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new LoopbackFloor(new PrintStream(output, true,
                StandardCharsets.UTF_8)));
        assertEquals(0, command.execute("--runs", "2", file.toString()));
        String text = output.toString(StandardCharsets.UTF_8);
        for (String line : new String[] {"run 1 sendfile", "run 1 copy", "run 2 sendfile", "run 2 copy"}) {
            assertTrue(text.contains(line + " "), text);
        }

        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        command.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
        assertEquals(2, command.execute("--chunk-bytes", "0", file.toString()));
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("--chunk-bytes, --read-bytes and --runs must "
                + "be positive"), errors.toString(StandardCharsets.UTF_8));
    }
}
