package dev.sluice.storage;

import dev.sluice.storage.codec.RecordTimestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The log of one partition: an ordered set of {@link Segment}s in one directory, the last of which takes
 * appends. Batches are stored exactly as producers sent them, with offsets (and, for log-append-time
 * topics, timestamps) assigned in place. Invariants: segment base offsets increase; every stored offset is
 * below {@link #logEndOffset()}; reads never start below {@link #logStartOffset()}.
 *
 * <p>One writer at a time (append, retention, record deletion, config changes, close), serialized by the
 * caller. Reads may come from any thread concurrently: they see only batches whose bytes and index
 * entries were fully written, published through the volatile end offset and segment sizes.
 */
public final class Log implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Log.class);

    /** Where an append landed; {@code duplicate} means a retried batch that was already stored there. */
    public record AppendResult(long firstOffset, long lastOffset, long logAppendTimeMs, long logStartOffset,
                               int recordCount, boolean duplicate) {
    }

    /** A run of whole batches in one segment file. Size 0 means there is nothing to read. */
    public record ReadResult(FileChannel channel, long position, int size) {
        static final ReadResult EMPTY = new ReadResult(null, 0, 0);
    }

    /** A record's timestamp and offset. */
    public record TimestampOffset(long timestampMs, long offset) {
    }

    /** The last epoch not above a requested one and the offset where it ended. */
    public record EpochEndOffset(int epoch, long endOffset) {
    }

    private final Path dir;
    private final Clock clock;
    private final ScheduledExecutorService background;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final ProducerState producers;
    private final LeaderEpochs epochs;
    private final LogFiles files;
    private volatile LogConfig config;
    private volatile Segment active;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    private long unflushedRecords;
    private long lastFlushMs;
    private boolean closed;
    private final boolean recovered;

    Log(Path dir, LogConfig config, Clock clock, ScheduledExecutorService background, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.background = background;
        this.segments = loaded.segments();
        this.producers = loaded.producers();
        this.epochs = loaded.epochs();
        this.files = loaded.files();
        this.active = segments.lastEntry().getValue();
        this.logEndOffset = loaded.logEndOffset();
        this.logStartOffset = loaded.logStartOffset();
        this.recovered = loaded.recovered();
        this.lastFlushMs = clock.millis();
    }

    /** Opens or creates the log in {@code dir}, recovering it if it was not closed cleanly. */
    public static Log open(Path dir, LogConfig config, Clock clock, ScheduledExecutorService background) throws IOException {
        return new Log(dir, config, clock, background, LogLoader.load(dir, config));
    }

    /**
     * Validates the batches in {@code batches} (position to limit), assigns their offsets in place and
     * appends them, all or none. A retried idempotent batch is not written again: its original offsets
     * are returned with {@code duplicate} set.
     */
    public AppendResult append(ByteBuffer batches, int leaderEpoch) {
        LogConfig cfg = config;
        long now = clock.millis();
        AppendValidator.Summary summary = AppendValidator.validate(batches, cfg, now);
        if (summary.totalBytes() > cfg.segmentBytes()) {
            throw new BatchTooLargeException("Append of " + summary.totalBytes() + " bytes is larger than a whole segment ("
                    + cfg.segmentBytes() + " bytes, segment.bytes)");
        }
        int start = batches.position();
        if (summary.producerBatches() == 1) {
            ProducerState.BatchRange duplicate = producers.check(batches, start);
            if (duplicate != null) {
                return new AppendResult(duplicate.firstOffset(), duplicate.lastOffset(), -1, logStartOffset, 0, true);
            }
        }
        try {
            maybeRoll(summary.totalBytes(), now, cfg);
            long first = logEndOffset;
            long next = first;
            for (int pos = start; pos < batches.limit(); pos += Batches.size(batches, pos)) {
                Batches.setBaseOffset(batches, pos, next);
                Batches.setPartitionLeaderEpoch(batches, pos, leaderEpoch);
                if (cfg.logAppendTime()) {
                    Batches.setLogAppendTime(batches, pos, now);
                }
                next += Batches.lastOffsetDelta(batches, pos) + 1;
            }
            epochs.assign(leaderEpoch, first);
            active.append(batches.duplicate(), now);
            if (summary.producerBatches() == 1) {
                producers.update(batches, start);
            }
            logEndOffset = next;
            unflushedRecords += summary.records();
            if (unflushedRecords >= cfg.flushMessages()) {
                flush();
            }
            return new AppendResult(first, next - 1, cfg.logAppendTime() ? now : -1, logStartOffset,
                    (int) summary.records(), false);
        } catch (IOException e) {
            throw new LogIOException("Cannot append to " + dir, e);
        }
    }

    private void maybeRoll(int bytes, long now, LogConfig cfg) throws IOException {
        Segment current = active;
        if (current.size() == 0) {
            return;
        }
        boolean full = (long) current.size() + bytes > cfg.segmentBytes();
        boolean old = current.firstAppendWallClock() >= 0 && now - current.firstAppendWallClock() >= cfg.segmentMs();
        boolean offsetsOverflow = logEndOffset - current.baseOffset() > Integer.MAX_VALUE / 2;
        if (full || old || offsetsOverflow || current.indexesFull()) {
            roll();
        }
    }

    /** Seals the active segment, starts a new one at the log end offset, and syncs the old one in the background. */
    private void roll() throws IOException {
        Segment sealed = active;
        sealed.seal();
        Segment next = Segment.open(dir, logEndOffset, config, true);
        segments.put(next.baseOffset(), next);
        active = next;
        producers.writeSnapshot(dir, logEndOffset);
        files.removeSnapshotsBefore(sealed.baseOffset());
        background.execute(() -> {
            try {
                sealed.flush();
            } catch (IOException e) {
                log.error("Failed to sync segment {} of {}", sealed.baseOffset(), dir, e);
            }
        });
    }

    /**
     * Whole batches starting with the one that contains {@code startOffset}, from one segment, at most
     * {@code maxBytes} (but at least one batch when {@code minOneBatch}), none reaching {@code maxOffset}.
     */
    public ReadResult read(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch) {
        long end = logEndOffset;
        long start = logStartOffset;
        if (startOffset < start || startOffset > end) {
            throw new OffsetOutOfRangeException("Offset " + startOffset + " is outside the log [" + start + ", " + end + "]");
        }
        if (startOffset >= maxOffset || startOffset == end) {
            return ReadResult.EMPTY;
        }
        ByteBuffer probe = ByteBuffer.allocate(Segment.HEADER_PROBE);
        try {
            for (Map.Entry<Long, Segment> e = segments.floorEntry(startOffset); e != null; e = segments.higherEntry(e.getKey())) {
                Segment segment = e.getValue();
                int position = segment.positionOf(startOffset, probe);
                if (position >= 0) {
                    int size = segment.spanFrom(position, maxBytes, maxOffset, minOneBatch, probe);
                    return size == 0 ? ReadResult.EMPTY : new ReadResult(segment.channel(), position, size);
                }
            }
            return ReadResult.EMPTY;
        } catch (IOException e) {
            throw new LogIOException("Cannot read " + dir + " at offset " + startOffset, e);
        }
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    /** Whether opening this log had to scan and repair segments (an unclean stop). */
    public boolean recoveredOnOpen() {
        return recovered;
    }

    /** The earliest record whose timestamp is at least {@code timestampMs}, or null. */
    public TimestampOffset offsetForTimestamp(long timestampMs) {
        try {
            ByteBuffer probe = ByteBuffer.allocate(Segment.HEADER_PROBE);
            for (Segment segment : segments.values()) {
                if (segment.maxTimestamp() < timestampMs) {
                    continue;
                }
                long from = Math.max(logStartOffset, segment.timeIndexLookup(timestampMs));
                int position = segment.positionOf(from, probe);
                while (position >= 0 && position + Batches.HEADER_SIZE <= segment.size()) {
                    segment.readHeader(position, probe);
                    int size = Batches.size(probe, 0);
                    if (Batches.maxTimestamp(probe, 0) >= timestampMs) {
                        long[] hit = RecordTimestamps.firstAtOrAfter(segment.readBatch(position, size), timestampMs);
                        if (hit != null && hit[0] >= logStartOffset) {
                            return new TimestampOffset(hit[1], hit[0]);
                        }
                    }
                    position += size;
                }
            }
            return null;
        } catch (IOException e) {
            throw new LogIOException("Cannot search " + dir + " by timestamp", e);
        }
    }

    /** The record with the largest timestamp (the earliest such), or null for an empty log. */
    public TimestampOffset maxTimestamp() {
        Segment best = null;
        for (Segment segment : segments.values()) {
            if (segment.maxTimestamp() >= 0 && (best == null || segment.maxTimestamp() > best.maxTimestamp())) {
                best = segment;
            }
        }
        if (best == null) {
            return null;
        }
        try {
            ByteBuffer probe = ByteBuffer.allocate(Segment.HEADER_PROBE);
            int position = best.positionOf(best.offsetOfMaxTimestamp(), probe);
            best.readHeader(position, probe);
            long[] hit = RecordTimestamps.firstAtOrAfter(best.readBatch(position, Batches.size(probe, 0)), best.maxTimestamp());
            return hit == null ? null : new TimestampOffset(hit[1], hit[0]);
        } catch (IOException e) {
            throw new LogIOException("Cannot read " + dir, e);
        }
    }

    /** Moves the log start offset to {@code offset} and deletes segments wholly below it. */
    public long deleteRecordsBefore(long offset) {
        if (offset > logEndOffset || offset < 0) {
            throw new OffsetOutOfRangeException("Cannot delete records before offset " + offset
                    + ": the log ends at " + logEndOffset);
        }
        if (offset <= logStartOffset) {
            return logStartOffset;
        }
        try {
            files.writeLogStartOffset(offset);
            logStartOffset = offset;
            for (Segment segment : segments.headMap(offset, true).values()) {
                Map.Entry<Long, Segment> next = segments.higherEntry(segment.baseOffset());
                if (next != null && next.getKey() <= offset) {
                    deleteSegment(segment);
                }
            }
            return offset;
        } catch (IOException e) {
            throw new LogIOException("Cannot delete records of " + dir, e);
        }
    }

    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return epochs.endOffsetFor(leaderEpoch, logEndOffset);
    }

    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    /**
     * Rolls the active segment when {@code segment.ms} has passed, then deletes the oldest inactive segments
     * beyond {@code retention.ms} (by their newest timestamp) or {@code retention.bytes}.
     */
    public int enforceRetention() {
        LogConfig cfg = config;
        long now = clock.millis();
        try {
            maybeRoll(0, now, cfg);
            long total = sizeInBytes();
            int deleted = 0;
            for (Segment segment : segments.values()) {
                if (segment == active) {
                    break;
                }
                boolean expired = cfg.retentionMs() >= 0 && segment.maxTimestamp() >= 0
                        && now - segment.maxTimestamp() > cfg.retentionMs();
                boolean tooBig = cfg.retentionBytes() >= 0 && total - segment.size() >= cfg.retentionBytes();
                if (!expired && !tooBig) {
                    break;
                }
                total -= segment.size();
                deleteSegment(segment);
                deleted++;
            }
            if (deleted > 0) {
                long newStart = Math.max(logStartOffset, segments.firstKey());
                files.writeLogStartOffset(newStart);
                logStartOffset = newStart;
                log.info("Retention deleted {} segment(s) of {}; log start offset is now {}", deleted, dir.getFileName(), newStart);
            }
            return deleted;
        } catch (IOException e) {
            throw new LogIOException("Retention failed for " + dir, e);
        }
    }

    private void deleteSegment(Segment segment) throws IOException {
        segments.remove(segment.baseOffset());
        segment.markDeleted();
        background.schedule(() -> {
            try {
                segment.deleteFiles();
            } catch (IOException e) {
                log.warn("Cannot remove deleted segment {} of {}", segment.baseOffset(), dir, e);
            }
        }, config.fileDeleteDelayMs(), TimeUnit.MILLISECONDS);
    }

    /** Syncs the active segment and its indexes to disk. */
    public void flush() {
        try {
            active.flush();
            unflushedRecords = 0;
            lastFlushMs = clock.millis();
        } catch (IOException e) {
            throw new LogIOException("Cannot flush " + dir, e);
        }
    }

    /** Flushes when {@code flush.ms} has passed since the last flush and something was appended since. */
    public void maybeFlushByTime() {
        LogConfig cfg = config;
        if (cfg.flushMs() != Long.MAX_VALUE && unflushedRecords > 0 && clock.millis() - lastFlushMs >= cfg.flushMs()) {
            flush();
        }
    }

    public long sizeInBytes() {
        long total = 0;
        for (Segment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Clean shutdown: syncs, snapshots producer state, trims indexes and leaves the clean-shutdown marker. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            active.seal();
            active.flush();
            producers.writeSnapshot(dir, logEndOffset);
            files.removeSnapshotsBefore(active.baseOffset());
            for (Segment segment : segments.values()) {
                segment.close();
            }
            files.markCleanShutdown();
        } catch (IOException e) {
            throw new LogIOException("Cannot close " + dir, e);
        }
    }

    /** Closes the log and removes its directory. */
    public void delete() {
        closed = true;
        try {
            for (Segment segment : segments.values()) {
                segment.close();
            }
            segments.clear();
            files.deleteAll();
        } catch (IOException e) {
            throw new LogIOException("Cannot delete " + dir, e);
        }
    }
}
