package dev.sluice.config;

import java.util.List;

/**
 * A configuration that cannot be accepted: an unknown key, a value of the wrong type or outside its
 * valid values, a static key changed at runtime, or an unreadable properties file. The message names
 * the key, the offending value and what would have been accepted, so it can be shown to a user as is.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The offending configuration key, or {@code null} when the problem is not tied to one key. */
    public String key() {
        return key;
    }

    /** "Invalid value 'v' for configuration k: requirement". */
    public static ConfigException invalid(String key, Object value, String requirement) {
        return new ConfigException(key,
                "Invalid value '" + render(value) + "' for configuration " + key + ": " + requirement);
    }

    static String render(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object element : list) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(element);
            }
            return sb.toString();
        }
        return String.valueOf(value);
    }
}
