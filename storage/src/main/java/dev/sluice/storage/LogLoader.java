package dev.sluice.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Opens a log directory. After a clean shutdown the files are trusted as they are, so opening costs the
 * same whatever the log's size. Otherwise the log is recovered from its latest producer-state snapshot
 * (written at every roll): those segments are re-validated batch by batch, their indexes rebuilt, producer
 * state replayed, and anything after the first torn or corrupt batch cut off.
 */
final class LogLoader {
    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);

    /** Everything a {@link Log} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, Segment> segments, ProducerState producers, LeaderEpochs epochs,
                  LogFiles files, long logEndOffset, long logStartOffset, boolean recovered) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, LogConfig config) throws IOException {
        Files.createDirectories(dir);
        LogFiles files = new LogFiles(dir);
        files.removeLeftovers();
        boolean clean = files.takeCleanShutdownMarker();
        long logStartOffset = files.readLogStartOffset();
        List<Long> bases = files.segmentBaseOffsets();
        ProducerState producers = new ProducerState();
        LeaderEpochs epochs = new LeaderEpochs(dir);
        ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
        if (bases.isEmpty()) {
            segments.put(logStartOffset, Segment.open(dir, logStartOffset, config, true));
            return new Loaded(segments, producers, epochs, files, logStartOffset, logStartOffset, false);
        }
        ByteBuffer probe = ByteBuffer.allocate(Segment.HEADER_PROBE);
        long last = bases.get(bases.size() - 1);
        if (clean) {
            for (long base : bases) {
                segments.put(base, Segment.open(dir, base, config, base == last));
            }
            long end = segments.get(last).nextOffset(probe);
            Path snapshot = files.snapshot(end);
            if (Files.exists(snapshot) && producers.readSnapshot(snapshot)) {
                segments.get(last).reopenForAppend(config);
                return new Loaded(segments, producers, epochs, files, end, clampStart(logStartOffset, bases.get(0), end), false);
            }
            log.warn("Log {} was closed cleanly but has no producer snapshot at {}; recovering it", dir, end);
            for (Segment segment : segments.values()) {
                segment.close();
            }
            segments.clear();
        }
        long end = recover(dir, config, bases, files, producers, segments);
        epochs.truncateFrom(end);
        producers.truncateFrom(end);
        return new Loaded(segments, producers, epochs, files, end, clampStart(logStartOffset, segments.firstKey(), end), true);
    }

    private static long recover(Path dir, LogConfig config, List<Long> bases, LogFiles files, ProducerState producers,
                                ConcurrentSkipListMap<Long, Segment> segments) throws IOException {
        long snapshotOffset = latestUsableSnapshot(files, producers);
        long recoverFrom = bases.get(0);
        for (long base : bases) {
            if (base <= snapshotOffset) {
                recoverFrom = base;
            }
        }
        long started = System.nanoTime();
        boolean truncated = false;
        for (long base : bases) {
            if (truncated) {
                log.warn("Removing segment {} of {}: it follows a corrupt batch", base, dir);
                Segment.open(dir, base, config, false).deleteFiles();
                continue;
            }
            Segment segment = Segment.open(dir, base, config, base >= recoverFrom);
            segments.put(base, segment);
            if (base < recoverFrom) {
                continue;
            }
            long replayFrom = snapshotOffset;
            int cut = segment.recover((batch, pos) -> {
                if (Batches.baseOffset(batch, pos) >= replayFrom && Batches.producerId(batch, pos) >= 0) {
                    producers.update(batch, pos);
                }
            });
            if (cut > 0) {
                log.warn("Recovery of {} cut {} bytes of torn or corrupt data from segment {}", dir, cut, base);
                truncated = true;
            }
        }
        Map.Entry<Long, Segment> lastEntry = segments.lastEntry();
        for (Segment segment : segments.headMap(lastEntry.getKey()).values()) {
            if (segment.baseOffset() >= recoverFrom) {
                segment.seal();
            }
        }
        long end = lastEntry.getValue().nextOffset(ByteBuffer.allocate(Segment.HEADER_PROBE));
        log.info("Recovered {} in {} ms: log end offset {}", dir.getFileName(), (System.nanoTime() - started) / 1_000_000, end);
        return end;
    }

    /** Loads the newest readable snapshot and returns its offset, or -1 (with empty state) when there is none. */
    private static long latestUsableSnapshot(LogFiles files, ProducerState producers) throws IOException {
        List<Long> snapshots = files.snapshotOffsets();
        for (int i = snapshots.size() - 1; i >= 0; i--) {
            if (producers.readSnapshot(files.snapshot(snapshots.get(i)))) {
                return snapshots.get(i);
            }
        }
        producers.clear();
        return -1;
    }

    private static long clampStart(long persisted, long firstBase, long end) {
        return Math.min(Math.max(persisted, firstBase), end);
    }
}
