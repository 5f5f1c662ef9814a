package dev.sluice.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Factories for the validators the configuration definitions use. Every validator returned is
 * immutable and thread-safe.
 */
public final class Validators {
    private Validators() {
    }

    /** A number no smaller than {@code min}. */
    public static Validator atLeast(Number min) {
        return new Range(min, null);
    }

    /** A number from {@code min} to {@code max}, both included. */
    public static Validator between(Number min, Number max) {
        return new Range(min, max);
    }

    /** A string equal to one of {@code allowed} (case-sensitive, as in Kafka). */
    public static Validator oneOf(String... allowed) {
        return new OneOf(List.of(allowed));
    }

    /**
     * A list without duplicates whose elements are each one of {@code allowed}; empty only if
     * {@code allowEmpty}.
     */
    public static Validator listOf(boolean allowEmpty, String... allowed) {
        return new ListOf(allowEmpty, List.of(allowed));
    }

    /** A non-empty string, or a non-empty list without duplicate elements. */
    public static Validator nonEmpty() {
        return NonEmpty.INSTANCE;
    }

    /** A non-empty list of {@link Endpoint}s with distinct listener names. */
    public static Validator listeners() {
        return Listeners.INSTANCE;
    }

    /** {@code host:port} in the listener syntax without a name, or {@code none} / empty for no listener. */
    public static Validator hostPortOrNone() {
        return HostPortOrNone.INSTANCE;
    }

    /**
     * Exactly {@code value}. {@code reason} explains why no other value is supported and is part of
     * the error message.
     */
    public static Validator only(String value, String reason) {
        return new Only(value, reason);
    }

    private record Range(Number min, Number max) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            Number n = (Number) value;
            if (below(n, min) || (max != null && below(max, n))) {
                throw ConfigException.invalid(name, value, "must be " + describe());
            }
        }

        private static boolean below(Number a, Number b) {
            if (a instanceof Double || b instanceof Double) {
                return a.doubleValue() < b.doubleValue();
            }
            return a.longValue() < b.longValue();
        }

        @Override
        public String describe() {
            return max == null ? "at least " + min : "between " + min + " and " + max;
        }
    }

    private record OneOf(List<String> allowed) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!allowed.contains(value)) {
                throw ConfigException.invalid(name, value, "must be " + describe());
            }
        }

        @Override
        public String describe() {
            return "one of: " + String.join(", ", allowed);
        }
    }

    private record ListOf(boolean allowEmpty, List<String> allowed) implements Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> list = (List<?>) value;
            if ((list.isEmpty() && !allowEmpty) || !allowed.containsAll(list)
                    || new HashSet<>(list).size() != list.size()) {
                throw ConfigException.invalid(name, value, "must be " + describe());
            }
        }

        @Override
        public String describe() {
            return (allowEmpty ? "a list" : "a non-empty list") + " of distinct values from: "
                    + String.join(", ", allowed);
        }
    }

    private enum NonEmpty implements Validator {
        INSTANCE;

        @Override
        public void ensureValid(String name, Object value) {
            boolean valid = value instanceof List<?> list
                    ? !list.isEmpty() && new LinkedHashSet<>(list).size() == list.size()
                    : !value.toString().isBlank();
            if (!valid) {
                throw ConfigException.invalid(name, value, "must be " + describe());
            }
        }

        @Override
        public String describe() {
            return "non-empty, without duplicates";
        }
    }

    private enum Listeners implements Validator {
        INSTANCE;

        @Override
        public void ensureValid(String name, Object value) {
            List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                throw ConfigException.invalid(name, value, "must be " + describe());
            }
            Set<String> names = new HashSet<>();
            for (Endpoint e : parseAll(name, list)) {
                if (!names.add(e.name())) {
                    throw ConfigException.invalid(name, value, "listener name " + e.name() + " appears twice");
                }
            }
        }

        static List<Endpoint> parseAll(String name, List<?> list) {
            List<Endpoint> endpoints = new ArrayList<>(list.size());
            for (Object element : list) {
                try {
                    endpoints.add(Endpoint.parse(element.toString()));
                } catch (IllegalArgumentException e) {
                    throw ConfigException.invalid(name, list, e.getMessage() + "; each listener must be "
                            + Endpoint.FORMAT);
                }
            }
            return endpoints;
        }

        @Override
        public String describe() {
            return "a non-empty list of " + Endpoint.FORMAT + ", with distinct names";
        }
    }

    private record Only(String value, String reason) implements Validator {
        @Override
        public void ensureValid(String name, Object candidate) {
            if (!value.equals(candidate)) {
                throw ConfigException.invalid(name, candidate, "only '" + value + "' is supported: " + reason);
            }
        }

        @Override
        public String describe() {
            return value + " only";
        }
    }

    private enum HostPortOrNone implements Validator {
        INSTANCE;

        @Override
        public void ensureValid(String name, Object value) {
            try {
                Endpoint.parseHostPort(value.toString());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(name, value, e.getMessage() + "; must be " + describe());
            }
        }

        @Override
        public String describe() {
            return "host:port (host may be empty, port 0 to 65535), or none";
        }
    }
}
