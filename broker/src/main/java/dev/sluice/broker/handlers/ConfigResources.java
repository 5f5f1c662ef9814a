package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.config.BrokerConfig;
import dev.sluice.config.ConfigEntry;
import dev.sluice.config.TopicConfig;
import dev.sluice.replication.metadata.MetadataException;
import dev.sluice.replication.metadata.TopicMetadata;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The config resources the config APIs work on: topics (their overrides) and the broker (its dynamic
 * overrides, stored cluster-wide, addressed by this broker's id or by the empty name for the cluster
 * default). Validation happens here, before anything is stored.
 */
final class ConfigResources {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;
    static final byte BROKER_LOGGER = 8;

    private final BrokerNode node;

    ConfigResources(BrokerNode node) {
        this.node = node;
    }

    /** Thrown for a resource this broker does not serve; mapped to INVALID_REQUEST. */
    static final class UnsupportedResourceException extends RuntimeException {
        UnsupportedResourceException(String message) {
            super(message);
        }
    }

    /** Every config of the resource with its effective value and source. */
    List<ConfigEntry> describe(byte type, String name) {
        return switch (type) {
            case TOPIC -> TopicConfig.resolve(node.config(), topic(name).configs()).describe();
            case BROKER -> {
                requireThisBroker(name);
                yield node.config().describe();
            }
            default -> throw unsupported(type);
        };
    }


    /**
     * Computes the resource's new set of overrides from its current one, validates it and, unless
     * validateOnly, stores it. Read, change and store happen as one metadata change, so concurrent updates of
     * the same resource cannot overwrite each other.
     */
    void update(byte type, String name, UnaryOperator<Map<String, String>> change, boolean validateOnly) {
        switch (type) {
            case TOPIC -> {
                TopicMetadata topic = topic(name);
                if (validateOnly) {
                    validTopicOverrides(change.apply(topic.configs()));
                } else {
                    node.metadata().updateTopicConfigs(name, current -> validTopicOverrides(change.apply(current)));
                }
            }
            case BROKER -> {
                requireThisBroker(name);
                if (validateOnly) {
                    validBrokerOverrides(change.apply(node.metadata().dynamicBrokerConfigs()));
                } else {
                    node.metadata().updateDynamicBrokerConfigs(current -> validBrokerOverrides(change.apply(current)));
                }
            }
            default -> throw unsupported(type);
        }
    }

    private Map<String, String> validTopicOverrides(Map<String, String> overrides) {
        Map<String, String> validated = TopicConfig.validateOverrides(overrides);
        // Overrides can also conflict with broker settings (e.g. compaction lags).
        TopicConfig.resolve(node.config(), validated);
        return validated;
    }

    private Map<String, String> validBrokerOverrides(Map<String, String> overrides) {
        BrokerConfig candidate = node.staticConfig().withDynamic(overrides);
        // Every topic must still resolve under the new broker defaults before they are stored.
        node.metadata().topics().forEach(t -> TopicConfig.resolve(candidate, t.configs()));
        return overrides;
    }

    private TopicMetadata topic(String name) {
        TopicMetadata topic = node.metadata().topic(name);
        if (topic == null) {
            throw new MetadataException(MetadataException.Reason.UNKNOWN_TOPIC, "Topic '" + name + "' does not exist.");
        }
        return topic;
    }

    private void requireThisBroker(String name) {
        if (!name.isEmpty() && !name.equals(Integer.toString(node.nodeId()))) {
            throw new UnsupportedResourceException("Unexpected broker id, expected " + node.nodeId()
                    + " or empty string, but received " + name);
        }
    }

    private static UnsupportedResourceException unsupported(byte type) {
        return new UnsupportedResourceException(type == BROKER_LOGGER
                ? "Broker logger configs are not supported by this broker."
                : "Unsupported resource type " + type + ".");
    }

}
