package dev.sluice.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses and prints the short durations used on the command line: {@code 500ms}, {@code 30s},
 * {@code 2m}, {@code 1h}, or a bare number of seconds. Stateless and thread-safe.
 */
final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new TypeConversionException("invalid duration '" + text + "': expected e.g. 500ms, 30s, 2m");
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("invalid duration '" + text + "': number too large");
        }
        Duration duration = switch (s.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "", "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new TypeConversionException(
                    "invalid duration '" + text + "': unit must be ms, s, m or h");
        };
        if (duration.isZero()) {
            throw new TypeConversionException("invalid duration '" + text + "': must be positive");
        }
        return duration;
    }

    /** Prints a duration the way a user would type it: whole seconds as {@code 30s}, else milliseconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
