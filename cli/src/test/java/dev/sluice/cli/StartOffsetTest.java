package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class StartOffsetTest {

    private static final LongUnaryOperator NO_TIME_INDEX = millis -> {
        throw new AssertionError("timestamp lookup not expected");
    };

    @Test
    void parsesEveryForm() {
        assertEquals(new StartOffset.Start(), StartOffset.parse("start"));
        assertEquals(new StartOffset.End(), StartOffset.parse("end"));
        assertEquals(new StartOffset.Exact(42), StartOffset.parse("42"));
        assertEquals(new StartOffset.AtTimestamp(1_700_000_000_000L), StartOffset.parse("@1700000000000"));
        assertEquals(new StartOffset.BeforeEnd(10), StartOffset.parse("-10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "begin", "@", "@-5", "--3", "-", "1e3", "+5", "@+5"})
    void rejectsAnythingElse(String text) {
        assertThrows(TypeConversionException.class, () -> StartOffset.parse(text));
    }

    @Test
    void startAndEndResolveToTheLogBounds() {
        assertEquals(100, StartOffset.parse("start").resolve(100, 250, NO_TIME_INDEX));
        assertEquals(250, StartOffset.parse("end").resolve(100, 250, NO_TIME_INDEX));
    }

    @Test
    void exactOffsetIsClampedIntoTheLog() {
        assertEquals(120, StartOffset.parse("120").resolve(100, 250, NO_TIME_INDEX));
        assertEquals(100, StartOffset.parse("3").resolve(100, 250, NO_TIME_INDEX));
        assertEquals(250, StartOffset.parse("900").resolve(100, 250, NO_TIME_INDEX));
    }

    @Test
    void beforeEndCountsBackFromTheEndButNotPastTheStart() {
        assertEquals(240, StartOffset.parse("-10").resolve(100, 250, NO_TIME_INDEX));
        assertEquals(100, StartOffset.parse("-1000").resolve(100, 250, NO_TIME_INDEX));
        assertEquals(0, StartOffset.parse("-5").resolve(0, 0, NO_TIME_INDEX));
    }

    @Test
    void timestampUsesTheTimeIndexAndFallsBackToTheEnd() {
        StartOffset at = StartOffset.parse("@5000");
        assertEquals(180, at.resolve(100, 250, millis -> millis == 5000 ? 180 : -2));
        assertEquals(250, at.resolve(100, 250, millis -> -1));
    }
}
