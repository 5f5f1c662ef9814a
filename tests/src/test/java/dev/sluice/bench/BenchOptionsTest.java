package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class BenchOptionsTest {
    static Stream<Arguments> valuesOutOfRange() {
        return Stream.of(
                Arguments.of("--consume-passes", "0", "--consume-passes must be at least 1"),
                Arguments.of("--warm-up-passes", "0",
                        "--warm-up-passes must be at least 1; --no-warm-up skips the warm-up"),
                Arguments.of("--ballast-mb", "-1", "--ballast-mb must not be negative"));
    }

    @ParameterizedTest
    @MethodSource("valuesOutOfRange")
    void valuesOutOfRangeAreRefusedBeforeAnythingStarts(String option, String value, String message,
            @TempDir Path dir) {
        Path work = dir.resolve("work");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> Bench.run(log, option, value, "--work-dir", work.toString()));
        assertEquals(message, refused.getMessage());
        assertFalse(Files.exists(work));
    }
}
