package dev.sluice.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The definition of one configuration key: name, type, default, validator, documentation and whether
 * it may change at runtime. Turns the text form of a value (from a properties file, a command-line
 * override or an AlterConfigs request) into its Java form and back. Immutable and thread-safe.
 *
 * <p>Java forms: BOOLEAN {@link Boolean}, INT {@link Integer}, SHORT {@link Short}, LONG {@link Long},
 * DOUBLE {@link Double}, STRING {@link String}, LIST {@code List<String>}, PASSWORD {@link Password}.
 * A null default means the key is optional and unset unless given.
 */
public final class ConfigKey {
    private final String name;
    private final ConfigType type;
    private final Object defaultValue;
    private final Validator validator;
    private final boolean dynamic;
    private final String doc;

    ConfigKey(String name, ConfigType type, Object defaultValue, Validator validator, boolean dynamic, String doc) {
        this.name = name;
        this.type = type;
        this.validator = validator;
        this.dynamic = dynamic;
        this.doc = doc;
        this.defaultValue = defaultValue == null ? null : normalizeDefault(defaultValue);
    }

    public String name() {
        return name;
    }

    public ConfigType type() {
        return type;
    }

    /** The default in its Java form, or null when the key has none. */
    public Object defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Whether the key may be changed at runtime without a restart. */
    public boolean dynamic() {
        return dynamic;
    }

    /** The validator applied after type conversion, or null when every value of the type is valid. */
    public Validator validator() {
        return validator;
    }

    /** Whether values must not be shown (passwords). */
    public boolean sensitive() {
        return type == ConfigType.PASSWORD;
    }

    /**
     * Converts the text form to the Java form and validates it. Surrounding whitespace is ignored.
     *
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public Object parse(String raw) {
        Object value = convert(raw.trim());
        if (validator != null) {
            try {
                validator.ensureValid(name, value);
            } catch (ConfigException e) {
                if (sensitive()) {
                    throw ConfigException.invalid(name, Password.HIDDEN, "must be " + validator.describe());
                }
                throw e;
            }
        }
        return value;
    }

    /** The text form of a Java value, as {@link #parse} accepts it; null stays null. */
    public String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Password p) {
            return p.value();
        }
        return ConfigException.render(value);
    }

    private Object convert(String s) {
        try {
            return switch (type) {
                case BOOLEAN -> parseBoolean(s);
                case INT -> Integer.valueOf(s);
                case SHORT -> Short.valueOf(s);
                case LONG -> Long.valueOf(s);
                case DOUBLE -> Double.valueOf(s);
                case STRING -> s;
                case LIST -> parseList(s);
                case PASSWORD -> new Password(s);
            };
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(name, s, typeRequirement());
        }
    }

    private Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw ConfigException.invalid(name, s, typeRequirement());
    }

    private List<String> parseList(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> elements = new ArrayList<>();
        for (String element : s.split(",", -1)) {
            String e = element.trim();
            if (e.isEmpty()) {
                throw ConfigException.invalid(name, s, "must be a comma-separated list without empty elements");
            }
            elements.add(e);
        }
        return List.copyOf(elements);
    }

    private String typeRequirement() {
        String requirement = "must be " + type.noun();
        return validator == null ? requirement : requirement + ", " + validator.describe();
    }

    private Object normalizeDefault(Object value) {
        if (value instanceof String s && type != ConfigType.STRING) {
            return parse(s);
        }
        boolean matches = switch (type) {
            case BOOLEAN -> value instanceof Boolean;
            case INT -> value instanceof Integer;
            case SHORT -> value instanceof Short;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case STRING -> value instanceof String;
            case LIST -> value instanceof List<?>;
            case PASSWORD -> value instanceof Password;
        };
        if (!matches) {
            throw new IllegalArgumentException("default of " + name + " is a " + value.getClass().getSimpleName()
                    + ", not " + type.name().toLowerCase(Locale.ROOT));
        }
        if (validator != null) {
            validator.ensureValid(name, value);
        }
        return value;
    }

    @Override
    public String toString() {
        return name + " (" + type.displayName() + ")";
    }
}
