package dev.sluice.storage;

/**
 * Per-partition log settings, named after Kafka's topic configs (segment.bytes, segment.ms, retention.ms,
 * retention.bytes, index.interval.bytes, segment.index.bytes, flush.messages, flush.ms, max.message.bytes,
 * message.timestamp.type, message.timestamp.before.max.ms, message.timestamp.after.max.ms,
 * file.delete.delay.ms), plus {@code reserveBytes}: disk space reserved at a time past the active segment's end
 * where the file system gains from it (0 for none; see {@link DiskReservation}). Immutable.
 */
public record LogConfig(int segmentBytes, long segmentMs, long retentionMs, long retentionBytes,
        int indexIntervalBytes, int segmentIndexBytes, long flushMessages, long flushMs, int maxMessageBytes,
        boolean logAppendTime, long timestampBeforeMaxMs, long timestampAfterMaxMs, long fileDeleteDelayMs,
        long reserveBytes) {

    public LogConfig {
        if (segmentBytes < RecordBatchView.HEADER_SIZE) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        // Kafka allows index files down to 4 bytes; a time index needs room for two entries (one is kept for
        // the seal), so smaller sizes are raised to that and simply roll segments sooner.
        segmentIndexBytes = Math.max(segmentIndexBytes, TimeIndex.ENTRY_SIZE * 2);
        if (segmentMs <= 0 || flushMessages <= 0 || flushMs < 0 || indexIntervalBytes < 0 || maxMessageBytes < 0
                || reserveBytes < 0) {
            throw new IllegalArgumentException("invalid log config: " + this);
        }
    }

    /** Kafka's defaults, and Sluice's default reservation of 8 MiB at a time. */
    public static LogConfig defaults() {
        return new LogConfig(1 << 30, 7 * 24 * 3_600_000L, 7 * 24 * 3_600_000L, -1, 4096, 10 * 1024 * 1024,
                Long.MAX_VALUE, Long.MAX_VALUE, 1_048_588, false, Long.MAX_VALUE, 3_600_000L, 60_000L, 8 << 20);
    }
}
