package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
    private static final ConfigDef DEF = new ConfigDef()
            .define("b", ConfigType.BOOLEAN, false, false, "boolean")
            .define("i", ConfigType.INT, 7, Validators.between(0, 100), false, "int")
            .define("s", ConfigType.SHORT, (short) 3, Validators.atLeast(1), false, "short")
            .define("l", ConfigType.LONG, "9223372036854775807", false, "long")
            .define("d", ConfigType.DOUBLE, 0.5, Validators.between(0, 1), false, "double")
            .define("str", ConfigType.STRING, "a", Validators.oneOf("a", "b"), false, "string")
            .define("list", ConfigType.LIST, "x,y", false, "list")
            .define("pw", ConfigType.PASSWORD, null, false, "password")
            .define("opt", ConfigType.LONG, null, false, "optional");

    private static Object parse(String key, String raw) {
        return DEF.key(key).parse(raw);
    }

    @Test
    void parsesEveryTypeToItsJavaForm() {
        assertEquals(Boolean.TRUE, parse("b", " TRUE "));
        assertEquals(Boolean.FALSE, parse("b", "false"));
        assertEquals(42, parse("i", "42"));
        assertEquals((short) 12, parse("s", "12"));
        assertEquals(-5L, parse("l", "-5"));
        assertEquals(0.25, parse("d", "0.25"));
        assertEquals("b", parse("str", " b "));
        assertEquals(List.of("p", "q", "r"), parse("list", "p, q ,r"));
        assertEquals(List.of(), parse("list", ""));
        assertEquals("s3cret", ((Password) parse("pw", "s3cret")).value());
    }

    @Test
    void defaultsAreStoredInJavaFormEvenWhenGivenAsText() {
        assertEquals(Long.MAX_VALUE, DEF.key("l").defaultValue());
        assertEquals(List.of("x", "y"), DEF.key("list").defaultValue());
        assertNull(DEF.key("opt").defaultValue());
    }

    @Test
    void parseFillsDefaultsAndLeavesOptionalKeysNull() {
        Map<String, Object> values = DEF.parse(Map.of("i", "9"));
        assertEquals(9, values.get("i"));
        assertEquals((short) 3, values.get("s"));
        assertTrue(values.containsKey("opt"));
        assertNull(values.get("opt"));
        assertEquals(List.copyOf(DEF.keys().keySet()), List.copyOf(values.keySet()));
    }

    @Test
    void nonNumericIntegerNamesKeyValueTypeAndRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("i", "abc"));
        assertEquals("Invalid value 'abc' for configuration i: must be a 32-bit integer, between 0 and 100",
                e.getMessage());
        assertEquals("i", e.key());
    }

    @Test
    void outOfRangeValueIsRejectedWithTheRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("i", "101"));
        assertEquals("Invalid value '101' for configuration i: must be between 0 and 100", e.getMessage());
        assertThrows(ConfigException.class, () -> parse("s", "0"));
        assertThrows(ConfigException.class, () -> parse("d", "1.5"));
        assertEquals(1.0, parse("d", "1"));
    }

    @Test
    void valuesBeyondTheTypesWidthAreRejected() {
        assertThrows(ConfigException.class, () -> parse("i", "2147483648"));
        assertThrows(ConfigException.class, () -> parse("s", "40000"));
        assertThrows(ConfigException.class, () -> parse("l", "9223372036854775808"));
    }

    @Test
    void booleanAcceptsOnlyTrueOrFalse() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("b", "yes"));
        assertEquals("Invalid value 'yes' for configuration b: must be true or false", e.getMessage());
    }

    @Test
    void enumeratedStringListsTheAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("str", "c"));
        assertEquals("Invalid value 'c' for configuration str: must be one of: a, b", e.getMessage());
    }

    @Test
    void listRejectsEmptyElements() {
        assertThrows(ConfigException.class, () -> parse("list", "a,,b"));
    }

    @Test
    void passwordIsHiddenWhenPrinted() {
        Object pw = parse("pw", "s3cret");
        assertEquals(Password.HIDDEN, pw.toString());
        assertTrue(DEF.key("pw").sensitive());
        assertFalse(DEF.key("str").sensitive());
    }

    @Test
    void invalidPasswordIsNotEchoedInTheError() {
        ConfigDef def = new ConfigDef().define("secret", ConfigType.PASSWORD, null, new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (((Password) value).value().length() < 8) {
                    throw ConfigException.invalid(name, ((Password) value).value(), describe());
                }
            }

            @Override
            public String describe() {
                return "at least 8 characters";
            }
        }, false, "a secret");
        ConfigException e = assertThrows(ConfigException.class, () -> def.key("secret").parse("short"));
        assertEquals("Invalid value '[hidden]' for configuration secret: must be at least 8 characters",
                e.getMessage());
    }

    @Test
    void formatRoundTripsThroughParse() {
        for (ConfigKey key : DEF.keys().values()) {
            if (key.defaultValue() != null) {
                assertEquals(key.defaultValue(), key.parse(key.format(key.defaultValue())), key.name());
            }
        }
    }

    @Test
    void invalidDefaultIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigDef().define("x", ConfigType.INT, 5L, false, "wrong Java type"));
        assertThrows(ConfigException.class,
                () -> new ConfigDef().define("x", ConfigType.INT, -1, Validators.atLeast(0), false, "out of range"));
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigDef().define("x", ConfigType.INT, 1, false, "a")
                        .define("x", ConfigType.INT, 1, false, "b"));
    }

    @Test
    void typeAndSourceIdsMatchKafkasDescribeConfigsCodes() {
        assertEquals(1, ConfigType.BOOLEAN.id());
        assertEquals(2, ConfigType.STRING.id());
        assertEquals(3, ConfigType.INT.id());
        assertEquals(4, ConfigType.SHORT.id());
        assertEquals(5, ConfigType.LONG.id());
        assertEquals(6, ConfigType.DOUBLE.id());
        assertEquals(7, ConfigType.LIST.id());
        assertEquals(9, ConfigType.PASSWORD.id());
        assertEquals(List.of(1, 3, 4, 5), List.of(ConfigSource.TOPIC.id(), ConfigSource.DYNAMIC_BROKER.id(),
                ConfigSource.STATIC_BROKER.id(), ConfigSource.DEFAULT.id()));
    }
}
