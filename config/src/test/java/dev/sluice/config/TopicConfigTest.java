package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicConfigTest {
    private static final BrokerConfig DEFAULTS = BrokerConfig.of(Map.of());

    private static Map<String, ConfigEntry> entries(TopicConfig t) {
        return t.describe().stream().collect(Collectors.toMap(ConfigEntry::name, Function.identity()));
    }

    @Test
    void topicWithoutOverridesGetsKafkaDefaults() {
        TopicConfig t = TopicConfig.resolve(DEFAULTS, Map.of());
        assertEquals(1073741824, t.segmentBytes());
        assertEquals(604800000L, t.segmentMs());
        assertEquals(604800000L, t.retentionMs());
        assertEquals(-1L, t.retentionBytes());
        assertEquals(4096, t.indexIntervalBytes());
        assertEquals(10485760, t.segmentIndexBytes());
        assertEquals(Long.MAX_VALUE, t.flushMessages());
        assertEquals(Long.MAX_VALUE, t.flushMs());
        assertEquals(1048588, t.maxMessageBytes());
        assertEquals("CreateTime", t.messageTimestampType());
        assertEquals(Long.MAX_VALUE, t.messageTimestampBeforeMaxMs());
        assertEquals(3600000L, t.messageTimestampAfterMaxMs());
        assertEquals(List.of("delete"), t.cleanupPolicy());
        assertTrue(t.deleteEnabled());
        assertFalse(t.compactEnabled());
        assertEquals("producer", t.compressionType());
        assertEquals(60000L, t.fileDeleteDelayMs());
        assertEquals(1, t.minInSyncReplicas());
        assertEquals(86400000L, t.deleteRetentionMs());
        assertEquals(0.5, t.minCleanableDirtyRatio());
        assertFalse(t.preallocate());
        assertFalse(t.uncleanLeaderElectionEnable());
        assertTrue(t.describe().stream().allMatch(e -> e.source() == ConfigSource.DEFAULT));
    }

    @Test
    void resolutionOrderIsTopicThenDynamicThenStaticThenDefault() {
        BrokerConfig broker = BrokerConfig.of(Map.of("log.segment.bytes", "2000000", "message.max.bytes", "5000",
                        "log.index.interval.bytes", "100"))
                .withDynamic(Map.of("log.segment.bytes", "3000000", "message.max.bytes", "6000"));
        TopicConfig t = TopicConfig.resolve(broker, Map.of("segment.bytes", "4000000"));
        assertEquals(4000000, t.segmentBytes());
        assertEquals(6000, t.maxMessageBytes());
        assertEquals(100, t.indexIntervalBytes());
        assertEquals(10485760, t.segmentIndexBytes());

        Map<String, ConfigEntry> e = entries(t);
        assertEquals(ConfigSource.TOPIC, e.get("segment.bytes").source());
        assertEquals(List.of(new Synonym("segment.bytes", "4000000", ConfigSource.TOPIC),
                new Synonym("log.segment.bytes", "3000000", ConfigSource.DYNAMIC_BROKER),
                new Synonym("log.segment.bytes", "2000000", ConfigSource.STATIC_BROKER),
                new Synonym("log.segment.bytes", "1073741824", ConfigSource.DEFAULT)),
                e.get("segment.bytes").synonyms());
        assertEquals(ConfigSource.DYNAMIC_BROKER, e.get("max.message.bytes").source());
        assertEquals("6000", e.get("max.message.bytes").value());
        assertEquals(ConfigSource.STATIC_BROKER, e.get("index.interval.bytes").source());
        assertEquals(ConfigSource.DEFAULT, e.get("segment.index.bytes").source());
        assertFalse(e.get("segment.bytes").readOnly());
    }

    @Test
    void retentionPrefersMillisecondsThenMinutesThenHours() {
        assertEquals(3 * 3600000L, retention(Map.of("log.retention.hours", "3")));
        assertEquals(5 * 60000L, retention(Map.of("log.retention.hours", "3", "log.retention.minutes", "5")));
        assertEquals(7L, retention(Map.of("log.retention.hours", "3", "log.retention.minutes", "5",
                "log.retention.ms", "7")));
        assertEquals(-1L, retention(Map.of("log.retention.ms", "-1")));
        assertEquals(-1L, retention(Map.of("log.retention.hours", "-1")));
    }

    private static long retention(Map<String, String> broker) {
        return TopicConfig.resolve(BrokerConfig.of(broker), Map.of()).retentionMs();
    }

    @Test
    void retentionSynonymsAreListedInTheirOwnUnits() {
        BrokerConfig broker = BrokerConfig.of(Map.of("log.retention.minutes", "5", "log.retention.hours", "3"));
        ConfigEntry e = entries(TopicConfig.resolve(broker, Map.of())).get("retention.ms");
        assertEquals("300000", e.value());
        assertEquals(ConfigSource.STATIC_BROKER, e.source());
        assertEquals(List.of(new Synonym("log.retention.minutes", "5", ConfigSource.STATIC_BROKER),
                new Synonym("log.retention.hours", "3", ConfigSource.STATIC_BROKER),
                new Synonym("log.retention.hours", "168", ConfigSource.DEFAULT)), e.synonyms());
    }

    @Test
    void dynamicMillisecondsBeatStaticHours() {
        BrokerConfig broker = BrokerConfig.of(Map.of("log.roll.hours", "2")).withDynamic(Map.of("log.roll.ms", "500"));
        TopicConfig t = TopicConfig.resolve(broker, Map.of());
        assertEquals(500L, t.segmentMs());
        assertEquals(2 * 3600000L, TopicConfig.resolve(BrokerConfig.of(Map.of("log.roll.hours", "2")), Map.of())
                .segmentMs());
    }

    @Test
    void flushMsFallsBackToTheFlushSchedulerInterval() {
        assertEquals(1000L, TopicConfig.resolve(
                BrokerConfig.of(Map.of("log.flush.scheduler.interval.ms", "1000")), Map.of()).flushMs());
        assertEquals(10L, TopicConfig.resolve(BrokerConfig.of(Map.of("log.flush.scheduler.interval.ms", "1000",
                "log.flush.interval.ms", "10")), Map.of()).flushMs());
    }

    @Test
    void brokerTopicDefaultsAreTheResolutionWithoutOverrides() {
        BrokerConfig broker = BrokerConfig.of(Map.of("log.retention.bytes", "12345"));
        assertEquals(12345L, broker.topicDefaults().retentionBytes());
        TopicConfig updated = broker.withDynamic(Map.of("log.segment.bytes", "2000000")).topicDefaults();
        assertEquals(12345L, updated.retentionBytes());
        assertEquals(2000000, updated.segmentBytes());
    }

    @Test
    void validateOverridesNormalizesKeysAndValues() {
        Map<String, String> normalized = TopicConfig.validateOverrides(Map.of(" cleanup.policy ", "compact, delete",
                "preallocate", "TRUE", "retention.ms", " 1000 "));
        assertEquals(Map.of("cleanup.policy", "compact,delete", "preallocate", "true", "retention.ms", "1000"),
                normalized);
        TopicConfig t = TopicConfig.resolve(DEFAULTS, normalized);
        assertTrue(t.compactEnabled());
        assertTrue(t.deleteEnabled());
        assertEquals(normalized, t.overrides());
    }

    @Test
    void invalidOverridesAreRejected() {
        assertThrows(ConfigException.class, () -> TopicConfig.validateOverrides(Map.of("segment.bytes", "1000")));
        assertThrows(ConfigException.class, () -> TopicConfig.validateOverrides(Map.of("retention.ms", "-2")));
        assertThrows(ConfigException.class, () -> TopicConfig.validateOverrides(Map.of("cleanup.policy", "purge")));
        assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("cleanup.policy", "delete,delete")));
        assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("message.timestamp.type", "createtime")));
        assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("min.cleanable.dirty.ratio", "1.1")));
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("retention.msec", "1")));
        assertEquals("Unknown configuration 'retention.msec'; did you mean 'retention.ms'?", unknown.getMessage());
    }

    @Test
    void emptyCleanupPolicyKeepsSegmentsForever() {
        TopicConfig t = TopicConfig.resolve(DEFAULTS, Map.of("cleanup.policy", ""));
        assertEquals(List.of(), t.cleanupPolicy());
        assertFalse(t.deleteEnabled());
        assertFalse(t.compactEnabled());
        assertEquals("", t.overrides().get("cleanup.policy"));
    }

    @Test
    void compressionOtherThanProducerIsRejectedWithTheReason() {
        assertEquals(Map.of("compression.type", "producer"),
                TopicConfig.validateOverrides(Map.of("compression.type", "producer")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> TopicConfig.validateOverrides(Map.of("compression.type", "gzip")));
        assertTrue(e.getMessage().startsWith("Invalid value 'gzip' for configuration compression.type: only "
                + "'producer' is supported: Sluice stores record batches exactly as the producer compressed them"),
                e.getMessage());
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("compression.type", "zstd")));
    }

    @Test
    void minCompactionLagMayNotExceedMaxCompactionLag() {
        assertThrows(ConfigException.class, () -> TopicConfig.validateOverrides(
                Map.of("min.compaction.lag.ms", "10", "max.compaction.lag.ms", "5")));
        BrokerConfig broker = BrokerConfig.of(Map.of("log.cleaner.max.compaction.lag.ms", "5"));
        assertThrows(ConfigException.class,
                () -> TopicConfig.resolve(broker, Map.of("min.compaction.lag.ms", "10")));
    }

    @Test
    void everyTopicKeyHasBrokerSynonymsOfMatchingTypeAndDefault() {
        for (ConfigKey key : TopicConfig.DEF.keys().values()) {
            List<TopicKeys.BrokerSynonym> synonyms = TopicKeys.synonyms(key.name());
            assertFalse(synonyms.isEmpty(), key.name());
            TopicKeys.BrokerSynonym withDefault = null;
            for (TopicKeys.BrokerSynonym s : synonyms) {
                ConfigKey broker = BrokerConfig.DEF.key(s.name());
                if (s.factor() == 1) {
                    assertEquals(key.type(), broker.type(), s.name());
                }
                if (withDefault == null && broker.defaultValue() != null) {
                    withDefault = s;
                }
            }
            assertTrue(withDefault != null, key.name());
            Object converted = TopicConfig.convert(key.name(), withDefault,
                    BrokerConfig.DEF.key(withDefault.name()).defaultValue());
            assertEquals(key.defaultValue(), converted, key.name());
            assertTrue(BrokerConfig.DEF.key(synonyms.get(0).name()).dynamic(), synonyms.get(0).name());
        }
    }
}
