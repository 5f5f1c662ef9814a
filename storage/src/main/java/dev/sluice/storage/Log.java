package dev.sluice.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The durable, segmented, append-only log of one partition, storing Kafka v2 record batches byte for byte
 * (layout and recovery: docs/storage.md). Invariants: segments are ordered by base offset and cover
 * [logStartOffset, logEndOffset) without gaps; only the last (active) segment takes appends.
 * Thread-safety: one writer thread at a time (the caller serializes append, roll, retention, deleteRecords,
 * updateConfig, close and delete); read, offset and timestamp queries, flush and maybeFlushByTime may run
 * on any thread and see only batches published through the volatile log end offset and segment sizes.
 */
public final class Log implements Closeable {
    /** Offsets and times assigned to an append; duplicate appends report the original offsets. */
    public record AppendResult(long firstOffset, long lastOffset, long logAppendTimeMs, long logStartOffset,
            int recordCount, boolean duplicate) {
    }

    /**
     * A slice of a segment file holding whole batches; size 0 means nothing to read. {@code records} is the
     * number of records in those batches. The channel belongs to the log: read it positionally (or transfer
     * it) but never close it.
     *
     * <p>{@code tail} counts the bytes right after those batches that begin the next batch and still fit the
     * byte limit: non-zero only when the read returned at least one batch and stopped because the next one
     * did not fit. A fetch sends them, as Kafka's does, so that full responses all have the limit's size; a
     * client drops the incomplete batch and fetches it whole next time.
     */
    public record ReadResult(FileChannel channel, long position, int size, int records, int tail) {
    }

    /** A record's timestamp and offset. */
    public record TimestampOffset(long timestampMs, long offset) {
    }

    /** Answer to OffsetForLeaderEpoch; (-1, -1) when unknown. */
    public record EpochEndOffset(int epoch, long endOffset) {
    }

    private final Path dir;
    private final Clock clock;
    private final SegmentList segments;
    private final ProducerStateTable producers;
    private final LeaderEpochCache epochs;
    private final CRC32C crc = new CRC32C();
    private final AppendValidator validator = new AppendValidator(crc);
    private final RecordBatchView view = new RecordBatchView();
    private final int segmentsRecoveredOnOpen;
    private final int batchesReplayedOnOpen;
    private final AtomicLong unflushedMessages = new AtomicLong();
    private volatile LogConfig config;
    private volatile long logEndOffset;
    private volatile long lastFlushMs;
    private volatile boolean closed;

    private Log(Path dir, LogConfig config, Clock clock, ScheduledExecutorService background,
            LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.segments = new SegmentList(dir, loaded.segments(), loaded.logStartOffset(), loaded.logEndOffset(),
                background);
        this.producers = loaded.producers();
        this.epochs = loaded.epochs();
        this.logEndOffset = loaded.logEndOffset();
        this.segmentsRecoveredOnOpen = loaded.segmentsRecovered();
        this.batchesReplayedOnOpen = loaded.batchesReplayed();
        this.lastFlushMs = clock.millis();
    }

    /** Opens or creates the log in dir (e.g. {@code <logdir>/<topic>-<partition>}), recovering if needed. */
    public static Log open(Path dir, LogConfig config, Clock clock, ScheduledExecutorService background)
            throws IOException {
        return new Log(dir, config, clock, background, LogLoader.load(dir, config));
    }

    /**
     * Validates every batch, assigns offsets and the leader epoch in place (and LogAppendTime if configured),
     * then appends all batches to one segment or none, rolling first when needed. {@code batches} (position
     * to limit) must be writable and big-endian; it is not retained after the call.
     */
    public AppendResult append(ByteBuffer batches, int leaderEpoch) {
        ensureOpen();
        LogConfig cfg = config;
        long now = clock.millis();
        validator.validate(batches, cfg, now);
        int producerBatch = validator.producerBatchStart();
        if (producerBatch >= 0) {
            view.wrap(batches, producerBatch);
            int duplicate = producers.check(view);
            if (duplicate >= 0) {
                return duplicateResult(producers.entry(view.producerId()), duplicate, cfg);
            }
        }
        long firstOffset = logEndOffset;
        long nextOffset = assignOffsets(batches, firstOffset, leaderEpoch, cfg.logAppendTime(), now);
        try {
            Segment active = segments.active();
            if (active.shouldRoll(cfg, batches.remaining(), validator.batchCount(), nextOffset - 1, now)) {
                active = roll(cfg);
            }
            // The epoch goes first: once the segment holds the batches, nothing may fail before the log end
            // offset moves past them, or the next append would be given the same offsets.
            epochs.assign(leaderEpoch, firstOffset);
            active.append(batches, view, validator.batchCount(), cfg, now);
            if (producerBatch >= 0) {
                producers.update(view.wrap(batches, producerBatch));
            }
        } catch (IOException e) {
            throw new LogIOException("append to " + dir + " failed", e);
        }
        logEndOffset = nextOffset;
        unflushedMessages.addAndGet(validator.recordCount());
        return new AppendResult(firstOffset, nextOffset - 1, cfg.logAppendTime() ? now : -1,
                segments.logStartOffset(), validator.recordCount(), false);
    }

    private long assignOffsets(ByteBuffer batches, long firstOffset, int leaderEpoch, boolean logAppendTime,
            long now) {
        long next = firstOffset;
        for (int at = batches.position(); at < batches.limit(); at += view.sizeInBytes()) {
            view.wrap(batches, at);
            view.setBaseOffset(next);
            view.setPartitionLeaderEpoch(leaderEpoch);
            if (logAppendTime) {
                view.setLogAppendTime(now, crc);
            }
            next += view.lastOffsetDelta() + 1L;
        }
        return next;
    }

    private AppendResult duplicateResult(ProducerEntry entry, int batch, LogConfig cfg) {
        long first = entry.firstOffset(batch);
        long last = entry.lastOffset(batch);
        return new AppendResult(first, last, cfg.logAppendTime() ? entry.timestamp(batch) : -1,
                segments.logStartOffset(), (int) (last - first + 1), true);
    }

    private Segment roll(LogConfig cfg) throws IOException {
        long newBase = logEndOffset;
        Segment segment = segments.roll(newBase, cfg.segmentIndexBytes());
        ProducerSnapshots.write(dir, newBase, producers);
        return segment;
    }

    /**
     * Whole batches starting with the one holding startOffset, from one segment, at most maxBytes (at least
     * one batch when minOneBatch), none with lastOffset >= maxOffset.
     */
    public ReadResult read(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch) {
        long end = logEndOffset;
        long start = segments.logStartOffset();
        if (startOffset < start || startOffset > end) {
            throw new OffsetOutOfRangeException("offset " + startOffset + " is outside [" + start + ", " + end
                    + "] of " + dir);
        }
        try {
            if (startOffset < end) {
                for (Segment segment : segments.from(startOffset)) {
                    if (segment.baseOffset() > startOffset) {
                        throw new OffsetOutOfRangeException("offset " + startOffset + " of " + dir
                                + " was deleted while being read");
                    }
                    ReadResult result = segment.read(startOffset, maxBytes, maxOffset, minOneBatch);
                    if (result != null) {
                        return result;
                    }
                }
            }
            Segment active = segments.active();
            return new ReadResult(active.channel(), active.size(), 0, 0, 0);
        } catch (IOException e) {
            throw new LogIOException("read from " + dir + " failed", e);
        }
    }

    public long logStartOffset() {
        return segments.logStartOffset();
    }

    /** The next offset to be assigned. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** Earliest record with timestamp >= timestampMs (at or above the log start offset), or null. */
    public TimestampOffset offsetForTimestamp(long timestampMs) {
        long minOffset = segments.logStartOffset();
        try {
            for (Segment segment : segments.from(minOffset)) {
                Segment.MaxTimestamp max = segment.maxTimestamp();
                if (max == null || max.timestampMs() < timestampMs) {
                    continue;
                }
                long from = Math.max(segment.offsetBeforeTimestamp(timestampMs), minOffset);
                TimestampOffset found = segment.findInBatches(from,
                        batch -> batch.lastOffset() >= minOffset && batch.maxTimestamp() >= timestampMs,
                        batch -> BatchRecordSearch.firstAtOrAfter(batch, timestampMs, minOffset));
                if (found != null) {
                    return found;
                }
            }
            return null;
        } catch (IOException e) {
            throw new LogIOException("timestamp lookup in " + dir + " failed", e);
        }
    }

    /** The record with the largest timestamp (earliest such offset), or null if the log is empty. */
    public TimestampOffset maxTimestamp() {
        Segment best = null;
        for (Segment segment : segments.from(segments.logStartOffset())) {
            Segment.MaxTimestamp max = segment.maxTimestamp();
            if (max != null && (best == null || max.timestampMs() > best.maxTimestamp().timestampMs())) {
                best = segment;
            }
        }
        if (best == null) {
            return null;
        }
        Segment.MaxTimestamp max = best.maxTimestamp();
        try {
            return best.findInBatches(max.offset(), batch -> batch.maxTimestamp() == max.timestampMs(),
                    batch -> BatchRecordSearch.firstWithTimestamp(batch, max.timestampMs()));
        } catch (IOException e) {
            throw new LogIOException("timestamp lookup in " + dir + " failed", e);
        }
    }

    /** DeleteRecords: moves the log start offset up to {@code offset} and deletes segments wholly below it. */
    public long deleteRecordsBefore(long offset) {
        ensureOpen();
        if (offset > logEndOffset) {
            throw new OffsetOutOfRangeException("offset " + offset + " is beyond the log end " + logEndOffset);
        }
        if (offset > segments.logStartOffset()) {
            try {
                segments.advanceLogStartOffset(offset);
                segments.deleteWhile(segment -> segments.nextBase(segment) <= offset, config.fileDeleteDelayMs());
                afterStartMoved();
            } catch (IOException e) {
                throw new LogIOException("deleting records of " + dir + " failed", e);
            }
        }
        return segments.logStartOffset();
    }

    /** Leader-epoch cache lookup for OffsetForLeaderEpoch. */
    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return epochs.endOffsetFor(leaderEpoch, logEndOffset);
    }

    /** Applies new settings; index sizes apply to segments created from now on. */
    public void updateConfig(LogConfig config) {
        this.config = config;
    }

    /** Rolls by segment.ms when due, then deletes old segments by retention.ms and retention.bytes. */
    public int enforceRetention() {
        ensureOpen();
        LogConfig cfg = config;
        long now = clock.millis();
        try {
            Segment active = segments.active();
            if (active.size() > 0 && now - active.rollBaseTimeMs() >= cfg.segmentMs()) {
                roll(cfg);
            }
            int deleted = 0;
            if (cfg.retentionMs() >= 0) {
                deleted += segments.deleteWhile(segment -> segment.maxTimestamp() != null
                        && now - segment.maxTimestamp().timestampMs() > cfg.retentionMs(), cfg.fileDeleteDelayMs());
            }
            if (cfg.retentionBytes() >= 0) {
                long[] excess = {segments.sizeInBytes() - cfg.retentionBytes()};
                deleted += segments.deleteWhile(segment -> {
                    if (excess[0] < segment.size()) {
                        return false;
                    }
                    excess[0] -= segment.size();
                    return true;
                }, cfg.fileDeleteDelayMs());
            }
            if (deleted > 0) {
                segments.advanceLogStartOffset(segments.firstBase());
                afterStartMoved();
            }
            return deleted;
        } catch (IOException e) {
            throw new LogIOException("retention of " + dir + " failed", e);
        }
    }

    private void afterStartMoved() throws IOException {
        epochs.truncateFromStart(segments.logStartOffset());
        ProducerSnapshots.deleteOutside(dir, segments.firstBase(), Long.MAX_VALUE);
    }

    /** Fsyncs every segment up to the log end and advances the recovery point. */
    public void flush() {
        // Count first, then read the end: every counted record lies below that end, so only records the
        // fsync covers are taken off the count and appends racing this flush still make the next one due.
        long counted = unflushedMessages.get();
        long end = logEndOffset;
        try {
            segments.flushUpTo(end);
        } catch (IOException e) {
            throw new LogIOException("flush of " + dir + " failed", e);
        }
        lastFlushMs = clock.millis();
        unflushedMessages.addAndGet(-counted);
    }

    /**
     * Whether {@code flush.messages} records were appended since the last flush. The caller runs {@link #flush()}
     * where blocking is acceptable (the broker: a background thread, before it acknowledges the append).
     */
    public boolean flushDue() {
        return unflushedMessages.get() >= config.flushMessages();
    }

    /** Flushes if flush.ms has elapsed since the last flush; tells whether it did. */
    public boolean maybeFlushByTime() {
        if (clock.millis() - lastFlushMs >= config.flushMs()) {
            flush();
            return true;
        }
        return false;
    }

    public long sizeInBytes() {
        return segments.sizeInBytes();
    }

    public int segmentCount() {
        return segments.count();
    }

    /** Segments fully re-validated while opening (0 after a clean shutdown with sound indexes). */
    int segmentsRecoveredOnOpen() {
        return segmentsRecoveredOnOpen;
    }

    /** Batch headers replayed into producer state while opening (0 when the snapshot is current). */
    int batchesReplayedOnOpen() {
        return batchesReplayedOnOpen;
    }

    /** Clean shutdown: flush, producer snapshot, indexes cut to size, clean-shutdown marker. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        try {
            segments.active().onBecomeInactive();
            ProducerSnapshots.write(dir, logEndOffset, producers);
            segments.close();
            Files.write(dir.resolve(LogLoader.CLEAN_SHUTDOWN_FILE), new byte[0]);
        } catch (IOException e) {
            throw new LogIOException("close of " + dir + " failed", e);
        } finally {
            closed = true;
        }
    }

    /** Closes the log and removes its directory. */
    public void delete() {
        close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new LogIOException("delete of " + dir + " failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("log " + dir + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Log(" + dir + ", [" + logStartOffset() + ", " + logEndOffset + "))";
    }
}
