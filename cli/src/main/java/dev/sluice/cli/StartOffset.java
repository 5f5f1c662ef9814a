package dev.sluice.cli;

import java.util.function.LongUnaryOperator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code sluice consume} starts reading each partition, as given by {@code --offset}:
 * {@code start}, {@code end}, an exact offset {@code N}, the first record at or after a timestamp
 * {@code @MILLIS}, or {@code -N} records before the end. Immutable.
 */
sealed interface StartOffset {

    /** The log start offset. */
    record Start() implements StartOffset { }

    /** The end offset: only records produced from now on. */
    record End() implements StartOffset { }

    /** An exact offset. */
    record Exact(long offset) implements StartOffset { }

    /** The first record whose timestamp is at or after {@code millis}. */
    record AtTimestamp(long millis) implements StartOffset { }

    /** {@code count} records before the end offset. */
    record BeforeEnd(long count) implements StartOffset { }

    static StartOffset parse(String text) {
        String s = text.trim();
        switch (s) {
            case "start", "oldest", "beginning" -> {
                return new Start();
            }
            case "end", "newest", "latest" -> {
                return new End();
            }
            default -> {
                if (s.startsWith("@")) {
                    return new AtTimestamp(number(s.substring(1), text));
                }
                if (s.startsWith("-")) {
                    return new BeforeEnd(number(s.substring(1), text));
                }
                return new Exact(number(s, text));
            }
        }
    }

    private static long number(String digits, String original) {
        try {
            long value = Long.parseLong(digits);
            if (value >= 0 && !digits.startsWith("+")) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted forms
        }
        throw new TypeConversionException("invalid offset '" + original
                + "': expected start, end, N, @TIMESTAMP_MS or -N");
    }

    /**
     * The offset to seek to in a partition whose log currently spans {@code [logStart, logEnd)}.
     * The result always lies inside {@code [logStart, logEnd]}, so a seek never lands out of range.
     *
     * @param offsetForTime the first offset whose timestamp is at or after a given time, or -1 if none
     */
    default long resolve(long logStart, long logEnd, LongUnaryOperator offsetForTime) {
        long wanted;
        if (this instanceof Start) {
            wanted = logStart;
        } else if (this instanceof End) {
            wanted = logEnd;
        } else if (this instanceof Exact exact) {
            wanted = exact.offset();
        } else if (this instanceof BeforeEnd before) {
            wanted = logEnd - Math.min(before.count(), logEnd);
        } else {
            long found = offsetForTime.applyAsLong(((AtTimestamp) this).millis());
            wanted = found < 0 ? logEnd : found;
        }
        return Math.max(logStart, Math.min(wanted, logEnd));
    }

    /** Lets picocli convert {@code --offset} values. */
    final class Converter implements ITypeConverter<StartOffset> {
        @Override
        public StartOffset convert(String value) {
            return parse(value);
        }
    }
}
