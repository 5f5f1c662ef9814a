package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory. After a clean shutdown (marker present) it trusts the files: indexes are
 * mapped as found (only sanity-checked) and producer state comes from the snapshot at the log end, so no
 * data is scanned. After an unclean one it re-validates every segment from the recovery point, truncating at
 * the first torn or corrupt batch (and deleting later segments), rebuilding indexes, then replays batch
 * headers after the newest usable producer snapshot. Runs on the opening thread before the log is published.
 */
final class LogLoader {
    static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    static final String LOG_START_FILE = "log-start-offset-checkpoint";
    static final String RECOVERY_POINT_FILE = "recovery-point-offset-checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);
    private static final int BASE_DIGITS = 20;
    private static final Pattern SEGMENT_FILE = Pattern.compile("\\d{20}\\.(log|index|timeindex)");

    /** Everything a {@link Log} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, Segment> segments, long logEndOffset, long logStartOffset,
            ProducerStateTable producers, LeaderEpochCache epochs, int segmentsRecovered, int batchesReplayed) {
    }

    private final Path dir;
    private final LogConfig config;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ProducerStateTable producers = new ProducerStateTable();
    private int segmentsRecovered;
    private int batchesReplayed;

    private LogLoader(Path dir, LogConfig config) {
        this.dir = dir;
        this.config = config;
    }

    static Loaded load(Path dir, LogConfig config) throws IOException {
        Files.createDirectories(dir);
        boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN_FILE));
        if (!clean) {
            return new LogLoader(dir, config).load(false);
        }
        LogLoader trusting = new LogLoader(dir, config);
        try {
            return trusting.load(true);
        } catch (DamagedSegmentException e) {
            LOG.warn("Log {} was closed cleanly but is damaged ({}); recovering it", dir, e.getMessage());
            trusting.closeSegments();
            return new LogLoader(dir, config).load(false);
        }
    }

    private void closeSegments() throws IOException {
        for (Segment segment : segments.values()) {
            segment.close();
        }
    }

    private Loaded load(boolean clean) throws IOException {
        List<Long> bases = cleanDirectoryAndListSegments();
        long checkpointedStart = CheckpointFile.readOffset(dir.resolve(LOG_START_FILE), 0);
        if (bases.isEmpty()) {
            segments.put(checkpointedStart, Segment.create(dir, checkpointedStart, config.segmentIndexBytes()));
        } else {
            long recoveryPoint = CheckpointFile.readOffset(dir.resolve(RECOVERY_POINT_FILE), 0);
            loadSegments(bases, clean ? bases.size() : firstToRecover(bases, recoveryPoint));
        }
        Segment active = segments.lastEntry().getValue();
        active.onBecomeActive(config.segmentIndexBytes());
        long logEndOffset = active.nextOffset();
        long logStartOffset = Math.min(Math.max(checkpointedStart, segments.firstKey()), logEndOffset);
        LeaderEpochCache epochs = new LeaderEpochCache(dir);
        epochs.truncateFromEnd(logEndOffset);
        epochs.truncateFromStart(logStartOffset);
        loadProducerState(logEndOffset);
        if (segmentsRecovered > 0) {
            for (Segment segment : segments.values()) {
                segment.flush();
            }
        }
        CheckpointFile.writeOffset(dir.resolve(RECOVERY_POINT_FILE), logEndOffset);
        return new Loaded(segments, logEndOffset, logStartOffset, producers, epochs, segmentsRecovered,
                batchesReplayed);
    }

    /** Removes leftovers (files pending deletion, temporaries, orphan indexes); returns segment base offsets. */
    private List<Long> cleanDirectoryAndListSegments() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        }
        List<Long> bases = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(Segment.DELETED_SUFFIX) || name.endsWith(".tmp")) {
                Files.deleteIfExists(file);
            } else if (SEGMENT_FILE.matcher(name).matches() && name.endsWith(Segment.LOG_SUFFIX)) {
                bases.add(Long.parseLong(name.substring(0, BASE_DIGITS)));
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean isIndex = name.endsWith(Segment.INDEX_SUFFIX) || name.endsWith(Segment.TIME_INDEX_SUFFIX);
            if (isIndex && SEGMENT_FILE.matcher(name).matches()
                    && !bases.contains(Long.parseLong(name.substring(0, BASE_DIGITS)))) {
                Files.deleteIfExists(file);
            }
        }
        bases.sort(null);
        return bases;
    }

    /** First segment that may hold data above the recovery point. */
    private static int firstToRecover(List<Long> bases, long recoveryPoint) {
        for (int i = 0; i < bases.size() - 1; i++) {
            if (bases.get(i + 1) > recoveryPoint) {
                return i;
            }
        }
        return bases.size() - 1;
    }

    private void loadSegments(List<Long> bases, int firstToRecover) throws IOException {
        for (int i = 0; i < bases.size(); i++) {
            Segment segment = Segment.open(dir, bases.get(i));
            segments.put(segment.baseOffset(), segment);
            boolean last = i == bases.size() - 1;
            if (i < firstToRecover && segment.indexesLookSane(last ? -1 : bases.get(i + 1))) {
                continue;
            }
            Segment.SegmentRecovery recovery = recover(segment);
            if (!last) {
                segment.onBecomeInactive();
            }
            if (recovery.truncatedBytes() > 0 && !last) {
                deleteSegmentsAfter(bases.subList(i + 1, bases.size()));
                return;
            }
        }
    }

    private Segment.SegmentRecovery recover(Segment segment) throws IOException {
        segmentsRecovered++;
        Segment.SegmentRecovery recovery = segment.recover(config.indexIntervalBytes(), config.segmentIndexBytes());
        if (recovery.truncatedBytes() > 0) {
            LOG.warn("Truncated {} bytes of torn or corrupt data from segment {} in {} at offset {}",
                    recovery.truncatedBytes(), segment.baseOffset(), dir, recovery.nextOffset());
        }
        return recovery;
    }

    private void deleteSegmentsAfter(List<Long> bases) throws IOException {
        for (long base : bases) {
            Segment segment = Segment.open(dir, base);
            LOG.warn("Deleting segment {} in {}: it follows a truncated segment", base, dir);
            segment.closeAndDeleteFiles();
        }
    }

    /** Loads the newest valid snapshot at or below the log end and replays batch headers written after it. */
    private void loadProducerState(long logEndOffset) throws IOException {
        ProducerSnapshots.deleteOutside(dir, 0, logEndOffset);
        long replayFrom = segments.firstKey();
        List<Long> offsets = ProducerSnapshots.offsets(dir);
        for (int i = offsets.size() - 1; i >= 0; i--) {
            Path file = ProducerSnapshots.file(dir, offsets.get(i));
            if (ProducerSnapshots.read(file, producers)) {
                replayFrom = Math.max(replayFrom, offsets.get(i));
                break;
            }
            LOG.warn("Ignoring corrupt producer snapshot {}", file);
            Files.delete(file);
        }
        long from = replayFrom;
        for (Segment segment : segments.tailMap(segments.floorKey(from)).values()) {
            segment.scanHeaders(from, batch -> {
                batchesReplayed++;
                if (batch.producerId() >= 0) {
                    producers.update(batch);
                }
            });
        }
    }
}
