package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

    @Test
    void parsesEveryUnitAndTreatsABareNumberAsSeconds() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofSeconds(7), Durations.parse("7"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2M"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-1s", "1.5s", "10d", "0s", "99999999999999999999s"})
    void rejectsMalformedOrEmptyDurations(String text) {
        assertThrows(TypeConversionException.class, () -> Durations.parse(text));
    }

    @Test
    void formatsWholeSecondsInSecondsAndTheRestInMilliseconds() {
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("120s", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    }
}
