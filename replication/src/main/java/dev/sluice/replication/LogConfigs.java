package dev.sluice.replication;

import dev.sluice.config.BrokerConfig;
import dev.sluice.config.TopicConfig;
import dev.sluice.storage.LogConfig;

import java.util.Map;

/** Turns a topic's resolved configuration into the settings its log needs. */
final class LogConfigs {
    private LogConfigs() {
    }

    /**
     * The log settings of a topic with {@code overrides} on a broker configured as {@code broker}. Kafka deletes by
     * retention only when {@code cleanup.policy} includes {@code delete}; {@code preallocate} reserves a segment's
     * whole size at once instead of the broker's step.
     */
    static LogConfig of(BrokerConfig broker, Map<String, String> overrides) {
        TopicConfig topic = TopicConfig.resolve(broker, overrides);
        boolean retention = topic.deleteEnabled();
        return new LogConfig(
                topic.segmentBytes(),
                topic.segmentMs(),
                retention ? topic.retentionMs() : -1,
                retention ? topic.retentionBytes() : -1,
                topic.indexIntervalBytes(),
                topic.segmentIndexBytes(),
                topic.flushMessages(),
                topic.flushMs(),
                topic.maxMessageBytes(),
                "LogAppendTime".equals(topic.messageTimestampType()),
                topic.messageTimestampBeforeMaxMs(),
                topic.messageTimestampAfterMaxMs(),
                topic.fileDeleteDelayMs(),
                topic.preallocate() ? topic.segmentBytes() : broker.logSegmentReserveBytes());
    }
}
