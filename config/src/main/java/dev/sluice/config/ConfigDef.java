package dev.sluice.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered set of {@link ConfigKey} definitions, built once with chained {@code define} calls, and
 * the parser that turns a map of text values into a complete map of typed values (defaults filled in).
 * Unknown keys are rejected with a "did you mean" suggestion when a defined key is close in spelling,
 * or when a {@link #hint hint} names the key meant (a topic key written at broker level, for example).
 *
 * <p>Not thread-safe while being built; after construction completes and the instance is safely
 * published (e.g. in a static final field), concurrent reads and parses are safe.
 */
public final class ConfigDef {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    private final Map<String, String> hints = new HashMap<>();

    /** Defines a key whose every value of {@code type} is valid. */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, boolean dynamic, String doc) {
        return define(name, type, defaultValue, null, dynamic, doc);
    }

    /**
     * Defines a key. {@code defaultValue} is null (no default), a value of the type's Java form, or its
     * text form; it must satisfy {@code validator}.
     *
     * @throws IllegalArgumentException if the name is already defined or the default is invalid
     */
    public ConfigDef define(String name, ConfigType type, Object defaultValue, Validator validator, boolean dynamic,
                            String doc) {
        if (keys.containsKey(name)) {
            throw new IllegalArgumentException("configuration " + name + " is defined twice");
        }
        keys.put(name, new ConfigKey(name, type, defaultValue, validator, dynamic, doc));
        return this;
    }

    /** Records that someone writing {@code misnomer} most likely meant the defined key {@code meant}. */
    public ConfigDef hint(String misnomer, String meant) {
        hints.put(misnomer, meant);
        return this;
    }

    /** Every key, in definition order. */
    public Map<String, ConfigKey> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /**
     * The definition of {@code name}.
     *
     * @throws ConfigException if no such key is defined
     */
    public ConfigKey key(String name) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            throw unknown(name);
        }
        return key;
    }

    /**
     * Parses and validates every given value and fills in the defaults of the others. The result has
     * one entry per defined key, in definition order; keys without a value or default map to null.
     *
     * @throws ConfigException on an unknown key or an invalid value
     */
    public Map<String, Object> parse(Map<String, String> raw) {
        for (String name : raw.keySet()) {
            key(name);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            String text = raw.get(key.name());
            values.put(key.name(), text == null ? key.defaultValue() : key.parse(text));
        }
        return values;
    }

    /** The exception for an unknown key, with a suggestion when a defined key is close enough. */
    public ConfigException unknown(String name) {
        String message = "Unknown configuration '" + name + "'";
        String suggestion = suggest(name);
        if (suggestion != null) {
            message += "; did you mean '" + suggestion + "'?";
        }
        return new ConfigException(name, message);
    }

    private String suggest(String name) {
        String hinted = hints.get(name);
        if (hinted != null) {
            return hinted;
        }
        int limit = Math.max(2, name.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : keys.keySet()) {
            int d = distance(name, candidate);
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
