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
                        "--baseline /nonexistent is not a Sluice checkout: it has no bin/sluice"),
                Arguments.of(List.of("--workloads", "produce-2kb"),
                        "--workloads produce-2kb matches no workload; --list prints their ids"),
                Arguments.of(List.of("--workloads", "consume-100b-p1-java"), "--workloads: consume-100b-p1-java "
                        + "reads what produce-100b-acksall-p1-java writes; select that one too"));
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
    void listPrintsEveryWorkloadWithoutPreparingARun(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Bench.run(new PrintStream(output, true, StandardCharsets.UTF_8), "--list", "--rates", "20000",
                "--work-dir", work.toString());
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(Workloads.all(List.of(20_000)).size(), lines.size(), lines.toString());
        assertEquals("latency-20000  produce latency at 20k records/s, acks=all, 100 B", lines.get(lines.size() - 2));
        assertFalse(Files.exists(work));
    }
}
