package dev.sluice.storage;

/** Kafka-default {@link LogConfig} with overrides, for tests. */
final class ConfigBuilder {
    int segmentBytes = 1 << 30;
    long segmentMs = 7 * 24 * 3_600_000L;
    long retentionMs = 7 * 24 * 3_600_000L;
    long retentionBytes = -1;
    int indexIntervalBytes = 4096;
    int segmentIndexBytes = 10 * 1024 * 1024;
    long flushMessages = Long.MAX_VALUE;
    long flushMs = Long.MAX_VALUE;
    int maxMessageBytes = 1_048_588;
    boolean logAppendTime;
    long timestampBeforeMaxMs = Long.MAX_VALUE;
    long timestampAfterMaxMs = 3_600_000L;
    long fileDeleteDelayMs = 60_000L;
    long reserveBytes = 8 << 20;

    ConfigBuilder segmentBytes(int value) {
        segmentBytes = value;
        return this;
    }

    ConfigBuilder segmentMs(long value) {
        segmentMs = value;
        return this;
    }

    ConfigBuilder retentionMs(long value) {
        retentionMs = value;
        return this;
    }

    ConfigBuilder retentionBytes(long value) {
        retentionBytes = value;
        return this;
    }

    ConfigBuilder indexIntervalBytes(int value) {
        indexIntervalBytes = value;
        return this;
    }

    ConfigBuilder segmentIndexBytes(int value) {
        segmentIndexBytes = value;
        return this;
    }

    ConfigBuilder flushMessages(long value) {
        flushMessages = value;
        return this;
    }

    ConfigBuilder maxMessageBytes(int value) {
        maxMessageBytes = value;
        return this;
    }

    ConfigBuilder logAppendTime(boolean value) {
        logAppendTime = value;
        return this;
    }

    ConfigBuilder timestampBeforeMaxMs(long value) {
        timestampBeforeMaxMs = value;
        return this;
    }

    ConfigBuilder fileDeleteDelayMs(long value) {
        fileDeleteDelayMs = value;
        return this;
    }

    ConfigBuilder reserveBytes(long value) {
        reserveBytes = value;
        return this;
    }

    LogConfig build() {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes,
                segmentIndexBytes, flushMessages, flushMs, maxMessageBytes, logAppendTime, timestampBeforeMaxMs,
                timestampAfterMaxMs, fileDeleteDelayMs, reserveBytes);
    }
}
