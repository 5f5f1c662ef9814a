package dev.sluice.replication;

import dev.sluice.config.BrokerConfig;
import dev.sluice.storage.LogConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogConfigsTest {
    private static LogConfig resolve(Map<String, String> overrides) {
        return resolve(BrokerConfig.of(Map.of()), overrides);
    }

    private static LogConfig resolve(BrokerConfig broker, Map<String, String> overrides) {
        return LogConfigs.of(broker, overrides);
    }

    @Test
    void topicOverridesReachTheLog() {
        LogConfig config = resolve(Map.of("retention.ms", "1000", "segment.bytes", "1048576",
                "message.timestamp.type", "LogAppendTime", "flush.messages", "1"));
        assertEquals(1000, config.retentionMs());
        assertEquals(1048576, config.segmentBytes());
        assertTrue(config.logAppendTime());
        assertEquals(1, config.flushMessages());
    }

    @Test
    void everyValueTheTopicConfigAcceptsMakesAUsableLog() {
        LogConfig smallest = resolve(Map.of("segment.index.bytes", "4", "flush.ms", "0", "max.message.bytes", "0",
                "index.interval.bytes", "0", "segment.ms", "1", "flush.messages", "1", "segment.bytes", "1048576",
                "file.delete.delay.ms", "0"));
        assertEquals(0, smallest.flushMs());
        assertTrue(smallest.segmentIndexBytes() >= 24, "tiny indexes are raised to what a segment needs");
    }

    @Test
    void compactedTopicsAreNeverTrimmedByRetention() {
        LogConfig config = resolve(Map.of("cleanup.policy", "compact", "retention.ms", "1000", "retention.bytes", "1"));
        assertEquals(-1, config.retentionMs());
        assertEquals(-1, config.retentionBytes());
        assertEquals(1000, resolve(Map.of("cleanup.policy", "compact,delete", "retention.ms", "1000")).retentionMs());
    }

    @Test
    void segmentsReserveTheBrokersStepOrTheirWholeSizeWhenPreallocated() {
        assertEquals(8 << 20, resolve(Map.of()).reserveBytes());
        BrokerConfig broker = BrokerConfig.of(Map.of("log.segment.reserve.bytes", "1048576"));
        assertEquals(1048576, resolve(broker, Map.of()).reserveBytes());
        assertEquals(0, resolve(BrokerConfig.of(Map.of("log.segment.reserve.bytes", "0")), Map.of()).reserveBytes());
        assertEquals(16 << 20, resolve(broker, Map.of("preallocate", "true", "segment.bytes", "16777216"))
                .reserveBytes());
        assertEquals(64 << 20, resolve(BrokerConfig.of(Map.of("log.preallocate", "true",
                "log.segment.bytes", "67108864")), Map.of()).reserveBytes());
    }
}
