package dev.sluice.replication;

import dev.sluice.storage.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A partition this broker leads: its log, leader epoch and high watermark, and the waiters to wake when
 * data arrives.
 *
 * <p>Writers (appends, retention, record deletion, config changes) are serialized on this object's monitor,
 * so each log has one writer at a time without a broker-wide lock. Reads do not lock: they are bounded by
 * the high watermark, published after each append. With a single replica the in-sync set is this broker,
 * so the high watermark moves to the log end offset as soon as an append completes.
 */
public final class Partition {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
    private static final CompletableFuture<Void> SYNCED = CompletableFuture.completedFuture(null);

    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final Log log;
    private final int leaderEpoch;
    private final Executor background;
    private final Path logDir;
    private final TopicTraffic traffic;
    private final ReplicaMetrics metrics;
    private final Set<AppendWatcher> watchers = ConcurrentHashMap.newKeySet();
    private volatile long highWatermark;

    Partition(TopicPartition topicPartition, Uuid topicId, Log log, int leaderEpoch, Executor background, Path logDir,
              TopicTraffic traffic, ReplicaMetrics metrics) {
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.log = log;
        this.leaderEpoch = leaderEpoch;
        this.background = background;
        this.logDir = logDir;
        this.traffic = traffic;
        this.metrics = metrics;
        this.highWatermark = log.logEndOffset();
    }

    /** Something waiting for new data in a partition, such as a long-polling fetch. */
    public interface AppendWatcher {
        /** Called on the appending thread; must only hand work over, never block. */
        void appended(Partition partition);
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    /** The log directory ({@code log.dirs} entry) holding this partition. */
    public Path logDir() {
        return logDir;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The traffic counters of this partition's topic, shared by all its partitions. */
    public TopicTraffic traffic() {
        return traffic;
    }

    /** Appends a produce request's batches; the log validates them and assigns offsets in place. */
    public Log.AppendResult appendAsLeader(ByteBuffer batches) {
        int bytes = batches.remaining();
        Log.AppendResult result;
        synchronized (this) {
            result = log.append(batches, leaderEpoch);
            highWatermark = log.logEndOffset();
        }
        if (!result.duplicate()) {
            traffic.appended(bytes, result.recordCount());
            for (AppendWatcher watcher : watchers) {
                try {
                    watcher.appended(this);
                } catch (RuntimeException e) {
                    // The append is done; a watcher that cannot be woken (its event loop is stopping) times out.
                    LOG.debug("Could not wake a watcher of {}", topicPartition, e);
                }
            }
        }
        return result;
    }

    /**
     * Completes once the log is synced to disk when {@code flush.messages} calls for it, at once otherwise. The
     * fsync runs on a background thread, so the appending event loop never blocks on the disk.
     */
    public CompletableFuture<Void> syncIfDue() {
        return log.flushDue() ? CompletableFuture.runAsync(this::flush, background) : SYNCED;
    }

    private void flush() {
        long start = System.nanoTime();
        log.flush();
        metrics.flushed(System.nanoTime() - start);
    }

    /** Reads committed batches, never past the high watermark. */
    public Log.ReadResult read(long offset, int maxBytes, boolean minOneBatch) {
        return log.read(offset, maxBytes, highWatermark, minOneBatch);
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Without transactions every committed offset is stable. */
    public long lastStableOffset() {
        return highWatermark;
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    public long sizeInBytes() {
        return log.sizeInBytes();
    }

    public int segmentCount() {
        return log.segmentCount();
    }

    public Log.TimestampOffset offsetForTimestamp(long timestampMs) {
        return log.offsetForTimestamp(timestampMs);
    }

    public Log.TimestampOffset maxTimestamp() {
        return log.maxTimestamp();
    }

    public Log.EpochEndOffset endOffsetForEpoch(int epoch) {
        return log.endOffsetForEpoch(epoch);
    }

    public synchronized long deleteRecordsBefore(long offset) {
        return log.deleteRecordsBefore(offset);
    }

    public void addWatcher(AppendWatcher watcher) {
        watchers.add(watcher);
    }

    public void removeWatcher(AppendWatcher watcher) {
        watchers.remove(watcher);
    }

    synchronized void enforceRetention() {
        log.enforceRetention();
    }

    synchronized void maybeFlushByTime() {
        long start = System.nanoTime();
        if (log.maybeFlushByTime()) {
            metrics.flushed(System.nanoTime() - start);
        }
    }

    synchronized void updateConfig(dev.sluice.storage.LogConfig config) {
        log.updateConfig(config);
    }

    synchronized void close() {
        log.close();
    }

    synchronized void delete() {
        log.delete();
    }

    @Override
    public String toString() {
        return topicPartition.toString();
    }
}
