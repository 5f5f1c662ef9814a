package dev.sluice.config;

/**
 * Where the effective value of a configuration key came from, from most to least specific. The ids
 * are those of Kafka's DescribeConfigs response ({@code TOPIC_CONFIG=1},
 * {@code DYNAMIC_DEFAULT_BROKER_CONFIG=3}, {@code STATIC_BROKER_CONFIG=4}, {@code DEFAULT_CONFIG=5}).
 */
public enum ConfigSource {
    /** A per-topic override. */
    TOPIC(1),
    /**
     * A value set at runtime through {@link BrokerConfig#withDynamic}. Dynamic broker settings are stored
     * cluster-wide, which Kafka reports as its dynamic default broker config.
     */
    DYNAMIC_BROKER(3),
    /** A value from the broker's properties file or its command-line overrides. */
    STATIC_BROKER(4),
    /** The built-in default. */
    DEFAULT(5);

    private final int id;

    ConfigSource(int id) {
        this.id = id;
    }

    /** The config source code of Kafka's DescribeConfigs response. */
    public int id() {
        return id;
    }
}
