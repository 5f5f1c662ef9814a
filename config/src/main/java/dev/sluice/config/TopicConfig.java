package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration of one topic. Each key resolves, in order, to the topic override, a
 * dynamic value of one of its broker synonyms, an explicitly set static value of one of them, or the
 * default; within a level, synonyms are tried most specific first ({@code log.retention.ms} before
 * {@code log.retention.minutes} before {@code log.retention.hours}) and converted to the topic key's
 * unit. Immutable and thread-safe; a change of overrides or broker config means resolving anew.
 */
public final class TopicConfig {
    /** Every topic key. */
    public static final ConfigDef DEF = TopicKeys.DEF;

    private final Map<String, Object> values;
    private final Map<String, String> overrides;
    private final List<ConfigEntry> entries;

    private TopicConfig(Map<String, Object> values, Map<String, String> overrides, List<ConfigEntry> entries) {
        this.values = values;
        this.overrides = overrides;
        this.entries = entries;
    }

    /**
     * Checks topic overrides, as given to CreateTopics or AlterConfigs, and returns them in normalized
     * text form (keys trimmed, values canonical, e.g. {@code "compact, delete"} becomes
     * {@code "compact,delete"}).
     *
     * @throws ConfigException on an unknown key, a missing or invalid value
     */
    public static Map<String, String> validateOverrides(Map<String, String> overrides) {
        Map<String, String> normalized = new LinkedHashMap<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String name = e.getKey().trim();
            ConfigKey key = DEF.key(name);
            if (e.getValue() == null) {
                throw ConfigException.invalid(name, null, "a topic override needs a value");
            }
            Object value = key.parse(e.getValue());
            parsed.put(name, value);
            normalized.put(name, key.format(value));
        }
        checkCompactionLags(parsed);
        return Collections.unmodifiableMap(normalized);
    }

    /**
     * The configuration of a topic with {@code overrides} on a broker configured as {@code broker}.
     *
     * @throws ConfigException if an override is invalid
     */
    public static TopicConfig resolve(BrokerConfig broker, Map<String, String> overrides) {
        Map<String, String> normalized = validateOverrides(overrides);
        Map<String, Object> values = new LinkedHashMap<>();
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : DEF.keys().values()) {
            List<Synonym> synonyms = new ArrayList<>(4);
            Object value = null;
            if (normalized.containsKey(key.name())) {
                value = key.parse(normalized.get(key.name()));
                synonyms.add(new Synonym(key.name(), normalized.get(key.name()), ConfigSource.TOPIC));
            }
            value = fromBroker(key, broker, ConfigSource.DYNAMIC_BROKER, value, synonyms);
            value = fromBroker(key, broker, ConfigSource.STATIC_BROKER, value, synonyms);
            value = fromBroker(key, broker, ConfigSource.DEFAULT, value, synonyms);
            if (value == null) {
                value = key.defaultValue();
            }
            values.put(key.name(), value);
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT : synonyms.get(0).source();
            entries.add(new ConfigEntry(key.name(), key.format(value), source, false, false, key.type(), key.doc(),
                    synonyms));
        }
        checkCompactionLags(values);
        return new TopicConfig(Collections.unmodifiableMap(values), normalized, List.copyOf(entries));
    }

    /**
     * Adds the broker synonyms of {@code key} set at {@code level} to {@code synonyms} and returns
     * {@code current}, or the first such synonym's converted value when {@code current} is null.
     */
    private static Object fromBroker(ConfigKey key, BrokerConfig broker, ConfigSource level, Object current,
                                     List<Synonym> synonyms) {
        Object result = current;
        for (TopicKeys.BrokerSynonym synonym : TopicKeys.synonyms(key.name())) {
            ConfigKey brokerKey = BrokerConfig.DEF.key(synonym.name());
            Object v = switch (level) {
                case DYNAMIC_BROKER -> broker.dynamicValue(synonym.name());
                case STATIC_BROKER -> broker.staticValue(synonym.name());
                default -> brokerKey.defaultValue();
            };
            if (v == null) {
                continue;
            }
            synonyms.add(new Synonym(synonym.name(), brokerKey.format(v), level));
            if (result == null) {
                result = level == ConfigSource.DEFAULT ? key.defaultValue() : convert(key.name(), synonym, v);
            }
            if (level == ConfigSource.DEFAULT) {
                break;
            }
        }
        return result;
    }

    /** A broker synonym's value in the topic key's unit. */
    static Object convert(String topicKey, TopicKeys.BrokerSynonym synonym, Object brokerValue) {
        Object value = brokerValue;
        if (synonym.factor() != 1) {
            long n = ((Number) brokerValue).longValue();
            value = Math.abs(n) > Long.MAX_VALUE / synonym.factor()
                    ? (n < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : n * synonym.factor();
        }
        if (topicKey.equals(TopicKeys.RETENTION_MS) && (Long) value < 0) {
            return -1L;
        }
        return value;
    }

    private static void checkCompactionLags(Map<String, Object> values) {
        Object min = values.get(TopicKeys.MIN_COMPACTION_LAG_MS);
        Object max = values.get(TopicKeys.MAX_COMPACTION_LAG_MS);
        if (min != null && max != null && (Long) min > (Long) max) {
            throw ConfigException.invalid(TopicKeys.MIN_COMPACTION_LAG_MS, min,
                    "must not exceed " + TopicKeys.MAX_COMPACTION_LAG_MS + " (" + max + ")");
        }
    }

    /** The normalized topic overrides this configuration was resolved with. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /**
     * The effective value of {@code key} in its Java form (see {@link ConfigKey}).
     *
     * @throws ConfigException if the key is unknown
     */
    public Object get(String key) {
        DEF.key(key);
        return values.get(key);
    }

    /** Every topic key with value, source and synonyms, in definition order. */
    public List<ConfigEntry> describe() {
        return entries;
    }

    public List<String> cleanupPolicy() {
        @SuppressWarnings("unchecked")
        List<String> policy = (List<String>) values.get(TopicKeys.CLEANUP_POLICY);
        return policy;
    }

    /** Whether {@link #cleanupPolicy()} includes delete. */
    public boolean deleteEnabled() {
        return cleanupPolicy().contains("delete");
    }

    /** Whether {@link #cleanupPolicy()} includes compact. */
    public boolean compactEnabled() {
        return cleanupPolicy().contains("compact");
    }

    public String compressionType() {
        return (String) values.get(TopicKeys.COMPRESSION_TYPE);
    }

    public long deleteRetentionMs() {
        return longValue(TopicKeys.DELETE_RETENTION_MS);
    }

    public long fileDeleteDelayMs() {
        return longValue(TopicKeys.FILE_DELETE_DELAY_MS);
    }

    public long flushMessages() {
        return longValue(TopicKeys.FLUSH_MESSAGES);
    }

    public long flushMs() {
        return longValue(TopicKeys.FLUSH_MS);
    }

    public int indexIntervalBytes() {
        return intValue(TopicKeys.INDEX_INTERVAL_BYTES);
    }

    public long maxCompactionLagMs() {
        return longValue(TopicKeys.MAX_COMPACTION_LAG_MS);
    }

    public int maxMessageBytes() {
        return intValue(TopicKeys.MAX_MESSAGE_BYTES);
    }

    /** "CreateTime" or "LogAppendTime". */
    public String messageTimestampType() {
        return (String) values.get(TopicKeys.MESSAGE_TIMESTAMP_TYPE);
    }

    public long messageTimestampBeforeMaxMs() {
        return longValue(TopicKeys.MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
    }

    public long messageTimestampAfterMaxMs() {
        return longValue(TopicKeys.MESSAGE_TIMESTAMP_AFTER_MAX_MS);
    }

    public double minCleanableDirtyRatio() {
        return (Double) values.get(TopicKeys.MIN_CLEANABLE_DIRTY_RATIO);
    }

    public long minCompactionLagMs() {
        return longValue(TopicKeys.MIN_COMPACTION_LAG_MS);
    }

    public int minInSyncReplicas() {
        return intValue(TopicKeys.MIN_INSYNC_REPLICAS);
    }

    public boolean preallocate() {
        return (Boolean) values.get(TopicKeys.PREALLOCATE);
    }

    /** Bytes a partition may hold before its oldest segments are deleted; -1 for no limit. */
    public long retentionBytes() {
        return longValue(TopicKeys.RETENTION_BYTES);
    }

    /** How long segments are kept; -1 to keep them forever. */
    public long retentionMs() {
        return longValue(TopicKeys.RETENTION_MS);
    }

    public int segmentBytes() {
        return intValue(TopicKeys.SEGMENT_BYTES);
    }

    public int segmentIndexBytes() {
        return intValue(TopicKeys.SEGMENT_INDEX_BYTES);
    }

    public long segmentJitterMs() {
        return longValue(TopicKeys.SEGMENT_JITTER_MS);
    }

    public long segmentMs() {
        return longValue(TopicKeys.SEGMENT_MS);
    }

    public boolean uncleanLeaderElectionEnable() {
        return (Boolean) values.get(TopicKeys.UNCLEAN_LEADER_ELECTION_ENABLE);
    }

    private int intValue(String key) {
        return (Integer) values.get(key);
    }

    private long longValue(String key) {
        return (Long) values.get(key);
    }

    @Override
    public String toString() {
        return "TopicConfig" + overrides;
    }
}
