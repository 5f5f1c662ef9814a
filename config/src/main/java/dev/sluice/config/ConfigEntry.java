package dev.sluice.config;

import java.util.List;

/**
 * The described state of one configuration key, shaped like an entry of Kafka's DescribeConfigs
 * response. {@code value} is null for sensitive keys and for unset keys without a default;
 * {@code synonyms} lists the candidate values in precedence order, the effective one first.
 */
public record ConfigEntry(String name, String value, ConfigSource source, boolean readOnly, boolean sensitive,
                          ConfigType type, String doc, List<Synonym> synonyms) {
    public ConfigEntry {
        synonyms = List.copyOf(synonyms);
    }
}
