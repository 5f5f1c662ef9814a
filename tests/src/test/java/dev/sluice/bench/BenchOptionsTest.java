package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchOptionsTest {
    @Test
    void aConsumeWorkloadThatWouldReadNothingIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Path work = dir.resolve("work");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> Bench.run(log, "--consume-passes", "0", "--work-dir", work.toString()));
        assertEquals("--consume-passes must be at least 1", refused.getMessage());
        assertFalse(Files.exists(work));
    }

    @Test
    void aWarmUpOfNoPassesIsRefusedWithTheOptionThatSkipsIt(@TempDir Path dir) {
        Path work = dir.resolve("work");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> Bench.run(log, "--warm-up-passes", "0", "--work-dir", work.toString()));
        assertEquals("--warm-up-passes must be at least 1; --no-warm-up skips the warm-up", refused.getMessage());
        assertFalse(Files.exists(work));
    }
}
