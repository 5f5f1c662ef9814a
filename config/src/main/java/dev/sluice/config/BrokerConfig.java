package dev.sluice.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated configuration of one broker: static values from a properties file (or the embedded
 * single-node default) and command-line overrides, plus runtime values of dynamic keys. Immutable and
 * thread-safe; {@link #withDynamic} returns a new instance, so a broker can publish the current one
 * through a volatile field and readers always see a consistent set.
 *
 * <p>Precedence per key: dynamic value, then static value, then the key's default.
 */
public final class BrokerConfig {
    /** Every broker key. */
    public static final ConfigDef DEF = BrokerKeys.DEF;

    /** Classpath resource used when no configuration file is given. */
    public static final String EMBEDDED_DEFAULT = "dev/sluice/config/default-server.properties";

    private final Map<String, Object> staticValues;
    private final Map<String, Object> explicitStatic;
    private final Map<String, Object> dynamicValues;
    private final Map<String, Object> values;
    private final boolean embeddedDefault;
    private final List<Endpoint> listeners;
    private final List<Endpoint> advertisedListeners;
    private final List<Path> logDirs;
    private final TopicConfig topicDefaults;

    private BrokerConfig(Map<String, Object> staticValues, Map<String, Object> explicitStatic,
                         Map<String, Object> dynamicValues, boolean embeddedDefault) {
        this.staticValues = staticValues;
        this.explicitStatic = explicitStatic;
        this.dynamicValues = Collections.unmodifiableMap(dynamicValues);
        this.embeddedDefault = embeddedDefault;
        Map<String, Object> effective = new LinkedHashMap<>(staticValues);
        effective.putAll(dynamicValues);
        this.values = Collections.unmodifiableMap(effective);
        this.listeners = endpoints(BrokerKeys.LISTENERS);
        this.advertisedListeners = values.get(BrokerKeys.ADVERTISED_LISTENERS) == null
                ? listeners : endpoints(BrokerKeys.ADVERTISED_LISTENERS);
        checkAdvertisedListeners();
        Object dirs = values.get(BrokerKeys.LOG_DIRS) != null
                ? values.get(BrokerKeys.LOG_DIRS) : values.get(BrokerKeys.LOG_DIR);
        this.logDirs = ((List<?>) dirs).stream().map(d -> Path.of(d.toString())).toList();
        this.topicDefaults = TopicConfig.resolve(this, Map.of());
    }

    /**
     * Reads {@code file}, or the embedded single-node default when it is null, and applies
     * {@code overrides} on top (an override wins over the same key in the file).
     *
     * @throws ConfigException if the file cannot be read or any key or value is invalid
     */
    public static BrokerConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(file == null
                ? PropertiesFile.readResource(EMBEDDED_DEFAULT) : PropertiesFile.read(file));
        raw.putAll(overrides);
        return build(raw, file == null);
    }

    /** A configuration from explicit key/value pairs alone; unset keys take their defaults. */
    public static BrokerConfig of(Map<String, String> raw) {
        return build(raw, false);
    }

    private static BrokerConfig build(Map<String, String> raw, boolean embedded) {
        Map<String, String> given = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v != null) {
                given.put(k.trim(), v);
            }
        });
        Map<String, Object> parsed = DEF.parse(given);
        Map<String, Object> explicit = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            explicit.put(key, parsed.get(key));
        }
        return new BrokerConfig(Collections.unmodifiableMap(parsed), Collections.unmodifiableMap(explicit),
                Map.of(), embedded);
    }

    /** Whether the static values came from the embedded default rather than a file. */
    public boolean usingEmbeddedDefault() {
        return embeddedDefault;
    }

    /**
     * A copy with {@code updates} applied to the dynamic values; a null value removes the dynamic value
     * of that key, so its static value or default applies again. Earlier dynamic values not named in
     * {@code updates} are kept.
     *
     * @throws ConfigException on an unknown key, an invalid value, or a key that is not dynamic
     */
    public BrokerConfig withDynamic(Map<String, String> updates) {
        Map<String, Object> next = new LinkedHashMap<>(dynamicValues);
        for (Map.Entry<String, String> e : updates.entrySet()) {
            String name = e.getKey().trim();
            ConfigKey key = DEF.key(name);
            if (!key.dynamic()) {
                throw new ConfigException(name, "Cannot change configuration " + name + " to '"
                        + (key.sensitive() ? Password.HIDDEN : e.getValue()) + "' at runtime: it is read-only and "
                        + "can only be set in the properties file or as a startup override");
            }
            if (e.getValue() == null) {
                next.remove(name);
            } else {
                next.put(name, key.parse(e.getValue()));
            }
        }
        return new BrokerConfig(staticValues, explicitStatic, next, embeddedDefault);
    }

    /** The dynamic values currently set, in their text form. */
    public Map<String, String> dynamicOverrides() {
        Map<String, String> texts = new LinkedHashMap<>();
        dynamicValues.forEach((k, v) -> texts.put(k, DEF.key(k).format(v)));
        return Collections.unmodifiableMap(texts);
    }

    /**
     * The effective value of {@code key} in its Java form (see {@link ConfigKey}), or null when unset
     * without a default.
     *
     * @throws ConfigException if the key is unknown
     */
    public Object get(String key) {
        DEF.key(key);
        return values.get(key);
    }

    /** Every broker key with its effective value, source and candidate values, in definition order. */
    public List<ConfigEntry> describe() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : DEF.keys().values()) {
            List<Synonym> synonyms = new ArrayList<>(3);
            addSynonym(synonyms, key, dynamicValues.get(key.name()), ConfigSource.DYNAMIC_BROKER);
            addSynonym(synonyms, key, explicitStatic.get(key.name()), ConfigSource.STATIC_BROKER);
            addSynonym(synonyms, key, key.defaultValue(), ConfigSource.DEFAULT);
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT : synonyms.get(0).source();
            String value = key.sensitive() ? null : key.format(values.get(key.name()));
            entries.add(new ConfigEntry(key.name(), value, source, !key.dynamic(), key.sensitive(), key.type(),
                    key.doc(), synonyms));
        }
        return List.copyOf(entries);
    }

    private static void addSynonym(List<Synonym> synonyms, ConfigKey key, Object value, ConfigSource source) {
        if (value != null) {
            synonyms.add(new Synonym(key.name(), key.sensitive() ? null : key.format(value), source));
        }
    }

    /** The explicitly set static value of {@code key} (file or override), or null. */
    Object staticValue(String key) {
        return explicitStatic.get(key);
    }

    /** The dynamic value of {@code key}, or null. */
    Object dynamicValue(String key) {
        return dynamicValues.get(key);
    }

    /** The topic configuration a topic without overrides gets from this broker. */
    public TopicConfig topicDefaults() {
        return topicDefaults;
    }

    public int nodeId() {
        return intValue(BrokerKeys.NODE_ID);
    }

    public List<Endpoint> listeners() {
        return listeners;
    }

    /** The advertised listeners, or {@link #listeners()} when none are configured. */
    public List<Endpoint> advertisedListeners() {
        return advertisedListeners;
    }

    /** {@code log.dirs}, or {@code log.dir} when {@code log.dirs} is not set. */
    public List<Path> logDirs() {
        return logDirs;
    }

    public int numPartitions() {
        return intValue(BrokerKeys.NUM_PARTITIONS);
    }

    public int defaultReplicationFactor() {
        return intValue(BrokerKeys.DEFAULT_REPLICATION_FACTOR);
    }

    public boolean autoCreateTopicsEnable() {
        return (Boolean) values.get(BrokerKeys.AUTO_CREATE_TOPICS_ENABLE);
    }

    public boolean deleteTopicEnable() {
        return (Boolean) values.get(BrokerKeys.DELETE_TOPIC_ENABLE);
    }

    public int messageMaxBytes() {
        return intValue(BrokerKeys.MESSAGE_MAX_BYTES);
    }

    public int socketRequestMaxBytes() {
        return intValue(BrokerKeys.SOCKET_REQUEST_MAX_BYTES);
    }

    public int socketSendBufferBytes() {
        return intValue(BrokerKeys.SOCKET_SEND_BUFFER_BYTES);
    }

    public int socketReceiveBufferBytes() {
        return intValue(BrokerKeys.SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public int numNetworkThreads() {
        return intValue(BrokerKeys.NUM_NETWORK_THREADS);
    }

    public int numIoThreads() {
        return intValue(BrokerKeys.NUM_IO_THREADS);
    }

    public long connectionsMaxIdleMs() {
        return longValue(BrokerKeys.CONNECTIONS_MAX_IDLE_MS);
    }

    /** "auto", "epoll" or "nio". */
    public String networkIoMode() {
        return (String) values.get(BrokerKeys.NETWORK_IO_MODE);
    }

    /** Address of the metrics and health endpoint (nameless {@link Endpoint}), or null when it is off. */
    public Endpoint metricsListener() {
        return Endpoint.parseHostPort((String) values.get(BrokerKeys.METRICS_LISTENER));
    }

    public long logRetentionCheckIntervalMs() {
        return longValue(BrokerKeys.LOG_RETENTION_CHECK_INTERVAL_MS);
    }

    public long logFlushSchedulerIntervalMs() {
        return longValue(BrokerKeys.LOG_FLUSH_SCHEDULER_INTERVAL_MS);
    }

    public long logSegmentReserveBytes() {
        return longValue(BrokerKeys.LOG_SEGMENT_RESERVE_BYTES);
    }

    public int producerIdExpirationMs() {
        return intValue(BrokerKeys.PRODUCER_ID_EXPIRATION_MS);
    }

    public int offsetsTopicNumPartitions() {
        return intValue(BrokerKeys.OFFSETS_TOPIC_NUM_PARTITIONS);
    }

    public short offsetsTopicReplicationFactor() {
        return (Short) values.get(BrokerKeys.OFFSETS_TOPIC_REPLICATION_FACTOR);
    }

    public int offsetsRetentionMinutes() {
        return intValue(BrokerKeys.OFFSETS_RETENTION_MINUTES);
    }

    public long offsetsRetentionCheckIntervalMs() {
        return longValue(BrokerKeys.OFFSETS_RETENTION_CHECK_INTERVAL_MS);
    }

    public int groupInitialRebalanceDelayMs() {
        return intValue(BrokerKeys.GROUP_INITIAL_REBALANCE_DELAY_MS);
    }

    public int groupMinSessionTimeoutMs() {
        return intValue(BrokerKeys.GROUP_MIN_SESSION_TIMEOUT_MS);
    }

    public int groupMaxSessionTimeoutMs() {
        return intValue(BrokerKeys.GROUP_MAX_SESSION_TIMEOUT_MS);
    }

    public int offsetMetadataMaxBytes() {
        return intValue(BrokerKeys.OFFSET_METADATA_MAX_BYTES);
    }

    public int transactionStateLogNumPartitions() {
        return intValue(BrokerKeys.TRANSACTION_STATE_LOG_NUM_PARTITIONS);
    }

    public short transactionStateLogReplicationFactor() {
        return (Short) values.get(BrokerKeys.TRANSACTION_STATE_LOG_REPLICATION_FACTOR);
    }

    public int transactionStateLogMinIsr() {
        return intValue(BrokerKeys.TRANSACTION_STATE_LOG_MIN_ISR);
    }

    public int transactionMaxTimeoutMs() {
        return intValue(BrokerKeys.TRANSACTION_MAX_TIMEOUT_MS);
    }

    public int transactionalIdExpirationMs() {
        return intValue(BrokerKeys.TRANSACTIONAL_ID_EXPIRATION_MS);
    }

    private int intValue(String key) {
        return (Integer) values.get(key);
    }

    private long longValue(String key) {
        return (Long) values.get(key);
    }

    private List<Endpoint> endpoints(String key) {
        return ((List<?>) values.get(key)).stream().map(e -> Endpoint.parse(e.toString())).toList();
    }

    private void checkAdvertisedListeners() {
        Object advertised = values.get(BrokerKeys.ADVERTISED_LISTENERS);
        if (advertised == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        listeners.forEach(l -> names.add(l.name()));
        for (Endpoint e : advertisedListeners) {
            if (!names.contains(e.name())) {
                throw ConfigException.invalid(BrokerKeys.ADVERTISED_LISTENERS, advertised,
                        "listener name " + e.name() + " is not among the names in " + BrokerKeys.LISTENERS);
            }
            if (e.host().isEmpty() || e.host().equals("0.0.0.0") || e.host().equals("::")) {
                throw ConfigException.invalid(BrokerKeys.ADVERTISED_LISTENERS, advertised,
                        "each entry must name a host clients can connect to, not a wildcard address");
            }
        }
    }
}
