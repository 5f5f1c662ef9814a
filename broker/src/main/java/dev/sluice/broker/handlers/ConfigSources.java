package dev.sluice.broker.handlers;

import dev.sluice.config.ConfigSource;
import dev.sluice.config.ConfigType;

/** Kafka's wire codes for config sources and types (DescribeConfigs, CreateTopics). */
final class ConfigSources {
    private ConfigSources() {
    }

    static byte code(ConfigSource source) {
        return switch (source) {
            case TOPIC -> 1;
            // Dynamic broker settings are stored cluster-wide, Kafka's "dynamic default broker config".
            case DYNAMIC_BROKER -> 3;
            case STATIC_BROKER -> 4;
            case DEFAULT -> 5;
        };
    }

    static byte code(ConfigType type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case SHORT -> 4;
            case LONG -> 5;
            case DOUBLE -> 6;
            case LIST -> 7;
            case PASSWORD -> 9;
        };
    }
}
