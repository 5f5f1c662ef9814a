package dev.sluice.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code key=value} pair typed on the command line, split at the first {@code =}; the value may be
 * empty and may itself contain {@code =}. Immutable; the converter is stateless.
 */
record KeyValue(String key, String value) {

    static KeyValue parse(String text) {
        int at = text.indexOf('=');
        if (at <= 0) {
            throw new TypeConversionException("expected key=value but got '" + text + "'");
        }
        return new KeyValue(text.substring(0, at), text.substring(at + 1));
    }

    /** Lets picocli convert repeatable {@code k=v} options whose order and duplicates matter. */
    static final class Converter implements ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String value) {
            return parse(value);
        }
    }
}
