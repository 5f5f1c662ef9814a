package dev.sluice.replication;

import dev.sluice.config.TopicConfig;
import dev.sluice.storage.LogConfig;

/** Turns a topic's resolved configuration into the settings its log needs. */
final class LogConfigs {
    private LogConfigs() {
    }

    static LogConfig of(TopicConfig topic) {
        return new LogConfig(
                topic.segmentBytes(),
                topic.segmentMs(),
                topic.retentionMs(),
                topic.retentionBytes(),
                topic.indexIntervalBytes(),
                topic.segmentIndexBytes(),
                topic.flushMessages(),
                topic.flushMs(),
                topic.maxMessageBytes(),
                "LogAppendTime".equals(topic.messageTimestampType()),
                topic.messageTimestampBeforeMaxMs(),
                topic.messageTimestampAfterMaxMs(),
                topic.fileDeleteDelayMs());
    }
}
