package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class BenchOptionsTest {
    static Stream<Arguments> valuesOutOfRange() {
        return Stream.of(
                Arguments.of(List.of("--consume-passes", "0"), "--consume-passes must be at least 1"),
                Arguments.of(List.of("--warm-up-passes", "0"),
                        "--warm-up-passes must be at least 1; --no-warm-up skips the warm-up"),
                Arguments.of(List.of("--ballast-mb", "-1"), "--ballast-mb must not be negative"),
                Arguments.of(List.of("--brokers", "sluice,redpanda"),
                        "unknown broker 'redpanda'; use sluice, kafka or baseline"),
                Arguments.of(List.of("--brokers", "sluice,baseline"),
                        "--brokers baseline needs --baseline DIR, the Sluice checkout to compare with"),
                Arguments.of(List.of("--brokers", "sluice,kafka,baseline", "--baseline", ".."),
                        "--brokers compares Sluice with kafka or with baseline, not both in one run"),
                Arguments.of(List.of("--baseline", "/nonexistent"),
                        "--baseline /nonexistent is not a Sluice checkout: it has no bin/sluice"));
    }

    @ParameterizedTest
    @MethodSource("valuesOutOfRange")
    void valuesOutOfRangeAreRefusedBeforeAnythingStarts(List<String> arguments, String message,
            @TempDir Path dir) {
        Path work = dir.resolve("work");
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--work-dir", work.toString()));
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> Bench.run(log, all.toArray(String[]::new)));
        assertEquals(message, refused.getMessage());
        assertFalse(Files.exists(work));
    }

    @Test
    void aConsumeWorkloadWithoutTheProduceWorkloadItReadsIsRefused(@TempDir Path dir) {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine.ParameterException refused = assertThrows(CommandLine.ParameterException.class,
                () -> Bench.run(log, "--workloads", "consume-100b-p1-java", "--home",
                        Path.of("..").toAbsolutePath().normalize().toString(), "--work-dir", dir.toString()));
        assertEquals("--workloads: consume-100b-p1-java reads what produce-100b-acksall-p1-java writes; select "
                + "that one too", refused.getMessage());
    }
}
