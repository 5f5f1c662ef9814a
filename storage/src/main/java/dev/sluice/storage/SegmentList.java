package dev.sluice.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered segments of one log with the two offsets persisted beside them: the log start offset
 * (`log-start-offset-checkpoint`) and the recovery point (`recovery-point-offset-checkpoint`, everything
 * below it is fsynced). Structural changes (roll, delete) come from the log's writer thread; readers iterate
 * the concurrent map from any thread. Rolled segments are fsynced on the background executor, which then
 * advances the recovery point; deleted segments are renamed `.deleted` and closed and removed after
 * file.delete.delay.ms so in-flight zero-copy reads of them complete.
 */
final class SegmentList {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentList.class);

    private final Path dir;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final ScheduledExecutorService background;
    private final Object flushLock = new Object();
    private volatile long logStartOffset;
    private long recoveryPoint;
    private boolean closed;

    SegmentList(Path dir, ConcurrentSkipListMap<Long, Segment> segments, long logStartOffset, long recoveryPoint,
            ScheduledExecutorService background) {
        this.dir = dir;
        this.segments = segments;
        this.logStartOffset = logStartOffset;
        this.recoveryPoint = recoveryPoint;
        this.background = background;
    }

    Segment active() {
        return segments.lastEntry().getValue();
    }

    long logStartOffset() {
        return logStartOffset;
    }

    long firstBase() {
        return segments.firstKey();
    }

    int count() {
        return segments.size();
    }

    long sizeInBytes() {
        long total = 0;
        for (Segment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    /** Segments from the one that may hold {@code offset} onwards, in offset order. */
    Collection<Segment> from(long offset) {
        Long floor = segments.floorKey(offset);
        return (floor == null ? segments : segments.tailMap(floor)).values();
    }

    /** Base offset of the segment after {@code segment}, or Long.MAX_VALUE for the active one. */
    long nextBase(Segment segment) {
        Long next = segments.higherKey(segment.baseOffset());
        return next == null ? Long.MAX_VALUE : next;
    }

    /** Seals the active segment, starts a new one at {@code newBase} and fsyncs the old one in the background. */
    Segment roll(long newBase, int indexBytes) throws IOException {
        active().onBecomeInactive();
        Segment created = Segment.create(dir, newBase, indexBytes);
        segments.put(newBase, created);
        runInBackground(() -> flushQuietly(newBase), 0);
        return created;
    }

    /** Deletes the oldest non-active segments while {@code condition} holds; returns how many. */
    int deleteWhile(Predicate<Segment> condition, long fileDeleteDelayMs) throws IOException {
        int deleted = 0;
        while (segments.size() > 1) {
            Map.Entry<Long, Segment> first = segments.firstEntry();
            Segment segment = first.getValue();
            if (!condition.test(segment)) {
                break;
            }
            segments.remove(first.getKey());
            segment.markDeleted();
            runInBackground(() -> deleteQuietly(segment), fileDeleteDelayMs);
            deleted++;
        }
        return deleted;
    }

    void advanceLogStartOffset(long offset) throws IOException {
        if (offset > logStartOffset) {
            CheckpointFile.writeOffset(dir.resolve(LogLoader.LOG_START_FILE), offset);
            logStartOffset = offset;
        }
    }

    /** Fsyncs segments holding offsets in [recoveryPoint, offset) and moves the recovery point to offset. */
    void flushUpTo(long offset) throws IOException {
        synchronized (flushLock) {
            if (closed || offset <= recoveryPoint) {
                return;
            }
            for (Segment segment : segments.values()) {
                if (segment.baseOffset() < offset && nextBase(segment) > recoveryPoint) {
                    flushUnlessDeleted(segment);
                }
            }
            CheckpointFile.writeOffset(dir.resolve(LogLoader.RECOVERY_POINT_FILE), offset);
            recoveryPoint = offset;
        }
    }

    void close() throws IOException {
        synchronized (flushLock) {
            closed = true;
            for (Segment segment : segments.values()) {
                segment.close();
            }
        }
    }

    private void flushUnlessDeleted(Segment segment) throws IOException {
        try {
            segment.flush();
        } catch (ClosedChannelException e) {
            if (segments.get(segment.baseOffset()) == segment) {
                throw e;
            }
        }
    }

    private void flushQuietly(long offset) {
        try {
            flushUpTo(offset);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Background flush of {} up to offset {} failed", dir, offset, e);
        }
    }

    private void deleteQuietly(Segment segment) {
        try {
            segment.closeAndDeleteFiles();
        } catch (IOException e) {
            LOG.warn("Deleting segment {} of {} failed", segment.baseOffset(), dir, e);
        }
    }

    private void runInBackground(Runnable task, long delayMs) {
        try {
            background.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
