package dev.sluice.config;

/**
 * One place a configuration value could come from, as listed in a DescribeConfigs answer: the key as
 * spelled at that level (a topic key or one of its broker synonyms), its value there in that key's own
 * unit (e.g. hours for {@code log.retention.hours}), and the level.
 */
public record Synonym(String name, String value, ConfigSource source) {
}
