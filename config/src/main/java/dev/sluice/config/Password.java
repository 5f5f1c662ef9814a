package dev.sluice.config;

/**
 * The value of a {@link ConfigType#PASSWORD} key. Its {@link #toString()} hides the secret so that it
 * cannot leak into logs or error messages by accident; only {@link #value()} reveals it. Immutable.
 */
public final class Password {
    /** What {@link #toString()} prints instead of the secret. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    public Password(String value) {
        this.value = java.util.Objects.requireNonNull(value, "value");
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
