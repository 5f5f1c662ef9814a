package dev.sluice.replication.metadata;

import java.util.Collection;

/** Kafka's rules for topic names. */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Throws INVALID_TOPIC with a message saying what is wrong with the name. */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("Topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw invalid("Topic name cannot be '.' or '..'");
        }
        if (name.length() > MAX_LENGTH) {
            throw invalid("Topic name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw invalid("Topic name '" + name + "' is illegal: it contains '" + c
                        + "'; only ASCII letters, digits, '.', '_' and '-' are allowed");
            }
        }
    }

    /** '.' and '_' map to the same metric names, so Kafka refuses topics that differ only in them. */
    public static void ensureNoCollision(String name, Collection<String> existing) {
        String normalized = name.replace('.', '_');
        for (String other : existing) {
            if (!other.equals(name) && other.replace('.', '_').equals(normalized)) {
                throw invalid("Topic '" + name + "' collides with existing topic '" + other
                        + "' ('.' and '_' are treated alike)");
            }
        }
    }

    private static MetadataException invalid(String message) {
        return new MetadataException(MetadataException.Reason.INVALID_TOPIC, message);
    }
}
