package dev.sluice.config;

import java.util.Locale;

/**
 * The value types a configuration key can have. Each constant carries the code Kafka's DescribeConfigs
 * response uses for it, so the broker can answer with the same type ids a Kafka broker would.
 */
public enum ConfigType {
    BOOLEAN(1, "true or false"),
    INT(3, "a 32-bit integer"),
    SHORT(4, "a 16-bit integer"),
    LONG(5, "a 64-bit integer"),
    DOUBLE(6, "a number"),
    STRING(2, "a string"),
    LIST(7, "a comma-separated list"),
    PASSWORD(9, "a password");

    private final int id;
    private final String noun;

    ConfigType(int id, String noun) {
        this.id = id;
        this.noun = noun;
    }

    /** The type code of Kafka's DescribeConfigs response (BOOLEAN=1, STRING=2, INT=3, ...). */
    public int id() {
        return id;
    }

    /** What a valid value of this type is, phrased to follow "must be". */
    public String noun() {
        return noun;
    }

    /** The lower-case name used in the generated reference documentation. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
