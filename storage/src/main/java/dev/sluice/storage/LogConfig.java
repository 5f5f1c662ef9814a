package dev.sluice.storage;

/**
 * The settings one partition log needs, resolved by the broker from topic and broker configuration.
 *
 * @param segmentBytes         roll when a segment would grow past this size
 * @param segmentMs            roll when the active segment's first append is older than this
 * @param retentionMs          delete segments whose newest record is older than this; -1 keeps them
 * @param retentionBytes       delete the oldest segments while the log is larger than this; -1 keeps them
 * @param indexIntervalBytes   bytes of batches between two offset-index entries
 * @param segmentIndexBytes    maximum size of an index file; a full index rolls the segment
 * @param flushMessages        fsync after this many records; {@link Long#MAX_VALUE} leaves it to the OS
 * @param flushMs              fsync when the last flush is older than this; {@link Long#MAX_VALUE} never
 * @param maxMessageBytes      largest accepted batch
 * @param logAppendTime        stamp batches with the broker's clock instead of the producer's
 * @param timestampBeforeMaxMs how far in the past a producer timestamp may be
 * @param timestampAfterMaxMs  how far in the future a producer timestamp may be
 * @param fileDeleteDelayMs    how long deleted segment files stay readable for in-flight reads
 */
public record LogConfig(int segmentBytes, long segmentMs, long retentionMs, long retentionBytes,
                        int indexIntervalBytes, int segmentIndexBytes, long flushMessages, long flushMs,
                        int maxMessageBytes, boolean logAppendTime, long timestampBeforeMaxMs,
                        long timestampAfterMaxMs, long fileDeleteDelayMs) {

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return new LogConfig(1 << 30, 7L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, -1, 4096, 10 << 20,
                Long.MAX_VALUE, Long.MAX_VALUE, 1048588, false, Long.MAX_VALUE, 3600 * 1000, 60_000);
    }
}
