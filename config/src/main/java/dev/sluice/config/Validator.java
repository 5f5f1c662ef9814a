package dev.sluice.config;

/**
 * Checks a parsed configuration value beyond its type: a numeric range, a fixed set of strings, the
 * elements of a list, a listener list. Implementations are stateless and thread-safe; common ones are
 * built by {@link Validators}.
 */
public interface Validator {
    /**
     * Throws a {@link ConfigException} naming {@code name}, the value and {@link #describe()} when
     * {@code value} is not acceptable. {@code value} is already of the key's Java type and never null.
     */
    void ensureValid(String name, Object value);

    /** The valid values in a few words, e.g. "at least 1" or "one of: CreateTime, LogAppendTime". */
    String describe();
}
