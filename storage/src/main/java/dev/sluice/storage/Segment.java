package dev.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a partition log: {@code <base>.log} holding v2 record batches exactly as appended, with
 * its sparse {@code .index} (offset to position) and {@code .timeindex} (timestamp to offset). Every offset
 * in the segment is at least its base offset.
 *
 * <p>Single writer. Readers may run concurrently: they only look at bytes below {@link #size()}, which is
 * published after the bytes and index entries are written.
 */
final class Segment implements AutoCloseable {
    static final int HEADER_PROBE = Batches.HEADER_SIZE;

    private final long baseOffset;
    private final Path dir;
    private final FileChannel log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private volatile int size;
    private int bytesSinceOffsetEntry;
    private int bytesSinceTimeEntry;
    private volatile long maxTimestamp = -1;
    private volatile long offsetOfMaxTimestamp = -1;
    private long firstAppendWallClock = -1;

    private Segment(long baseOffset, Path dir, FileChannel log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                    int indexIntervalBytes, int size) {
        this.baseOffset = baseOffset;
        this.dir = dir;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.size = size;
    }

    static String fileName(long offset, String suffix) {
        return String.format("%020d%s", offset, suffix);
    }

    /** Opens or creates the segment. Index files are trusted as they are; {@link #recover} rebuilds them. */
    static Segment open(Path dir, long baseOffset, LogConfig config, boolean active) throws IOException {
        FileChannel log = FileChannel.open(dir.resolve(fileName(baseOffset, ".log")),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        OffsetIndex offsets = new OffsetIndex(dir.resolve(fileName(baseOffset, ".index")), baseOffset,
                config.segmentIndexBytes(), active);
        TimeIndex times = new TimeIndex(dir.resolve(fileName(baseOffset, ".timeindex")), baseOffset,
                config.segmentIndexBytes(), active);
        Segment segment = new Segment(baseOffset, dir, log, offsets, times, config.indexIntervalBytes(), (int) log.size());
        segment.maxTimestamp = times.lastTimestamp();
        segment.offsetOfMaxTimestamp = times.lastOffset();
        return segment;
    }

    long baseOffset() {
        return baseOffset;
    }

    int size() {
        return size;
    }

    FileChannel channel() {
        return log;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    /** Offset from which to scan for the first record at or after {@code timestamp}. */
    long timeIndexLookup(long timestamp) {
        return timeIndex.lookup(timestamp);
    }

    boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /** Wall-clock time of the first append since this segment was created or reopened, or -1. */
    long firstAppendWallClock() {
        return firstAppendWallClock;
    }

    /**
     * Writes already validated batches with offsets assigned, then indexes them and publishes the new size.
     * {@code batches} is consumed from its position to its limit.
     */
    void append(ByteBuffer batches, long nowMs) throws IOException {
        if (firstAppendWallClock < 0) {
            firstAppendWallClock = nowMs;
        }
        int start = size;
        int from = batches.position();
        int length = batches.remaining();
        long position = start;
        while (batches.hasRemaining()) {
            position += log.write(batches, position);
        }
        for (int p = from; p < from + length; p += Batches.size(batches, p)) {
            index(batches, p, start + (p - from));
        }
        size = start + length;
    }

    /** Adds index entries for the batch at {@code bufferPos} stored at file position {@code filePos}. */
    private void index(ByteBuffer buf, int bufferPos, int filePos) {
        int batchSize = Batches.size(buf, bufferPos);
        long base = Batches.baseOffset(buf, bufferPos);
        long batchMax = Batches.maxTimestamp(buf, bufferPos);
        if (bytesSinceOffsetEntry >= indexIntervalBytes) {
            offsetIndex.append(base, filePos);
            bytesSinceOffsetEntry = 0;
        }
        bytesSinceOffsetEntry += batchSize;
        if (batchMax > maxTimestamp) {
            maxTimestamp = batchMax;
            offsetOfMaxTimestamp = base;
            if (bytesSinceTimeEntry >= indexIntervalBytes) {
                timeIndex.maybeAppend(batchMax, base);
                bytesSinceTimeEntry = 0;
            }
        }
        bytesSinceTimeEntry += batchSize;
    }

    /**
     * Finds the file position of the first batch whose last offset is at least {@code offset}, scanning from
     * the nearest index entry. Returns -1 when no such batch is readable.
     */
    int positionOf(long offset, ByteBuffer probe) throws IOException {
        int limit = size;
        int position = offsetIndex.lookup(offset);
        while (position + Batches.LOG_OVERHEAD <= limit) {
            readHeader(position, probe);
            if (Batches.lastOffset(probe, 0) >= offset) {
                return position;
            }
            position += Batches.size(probe, 0);
        }
        return -1;
    }

    /**
     * Whole batches starting at {@code position}: as many as fit in {@code maxBytes} (at least one when
     * {@code minOne}), none with an offset at or beyond {@code maxOffset}. Returns the byte count.
     */
    int spanFrom(int position, int maxBytes, long maxOffset, boolean minOne, ByteBuffer probe) throws IOException {
        int limit = size;
        int end = position;
        while (end + Batches.LOG_OVERHEAD <= limit) {
            readHeader(end, probe);
            int batchSize = Batches.size(probe, 0);
            if (Batches.lastOffset(probe, 0) >= maxOffset || end + batchSize > limit) {
                break;
            }
            boolean first = end == position;
            if (end - position + batchSize > maxBytes && !(first && minOne)) {
                break;
            }
            end += batchSize;
        }
        return end - position;
    }

    /** Reads the 61-byte batch header at position into {@code probe}. */
    void readHeader(int position, ByteBuffer probe) throws IOException {
        probe.clear().limit(HEADER_PROBE);
        int read = 0;
        while (probe.hasRemaining()) {
            int n = log.read(probe, position + read);
            if (n < 0) {
                throw new IOException("unexpected end of segment " + baseOffset + " at " + (position + read));
            }
            read += n;
        }
        probe.flip();
    }

    /** Reads one whole batch at position into a new buffer. */
    ByteBuffer readBatch(int position, int batchSize) throws IOException {
        ByteBuffer batch = ByteBuffer.allocate(batchSize);
        while (batch.hasRemaining()) {
            if (log.read(batch, position + batch.position()) < 0) {
                throw new IOException("unexpected end of segment " + baseOffset);
            }
        }
        return batch.flip();
    }

    /** The next offset after the last batch in this segment, or the base offset when empty. */
    long nextOffset(ByteBuffer probe) throws IOException {
        int limit = size;
        int position = offsetIndex.entries() == 0 ? 0 : offsetIndex.positionAt(offsetIndex.entries() - 1);
        long next = baseOffset;
        while (position + Batches.LOG_OVERHEAD <= limit) {
            readHeader(position, probe);
            next = Batches.lastOffset(probe, 0) + 1;
            position += Batches.size(probe, 0);
        }
        return next;
    }

    /**
     * Validates every batch from the start, rebuilds both indexes and truncates everything after the first
     * batch that is torn or corrupt. Returns the visitor's view of the valid batches via {@code visitor}.
     * Returns the number of bytes cut off.
     */
    int recover(BatchVisitor visitor) throws IOException {
        offsetIndex.truncateTo(0);
        timeIndex.truncateTo(0);
        maxTimestamp = -1;
        offsetOfMaxTimestamp = -1;
        bytesSinceOffsetEntry = 0;
        bytesSinceTimeEntry = 0;
        long fileSize = log.size();
        int position = 0;
        ByteBuffer probe = ByteBuffer.allocate(HEADER_PROBE);
        while (position + Batches.HEADER_SIZE <= fileSize) {
            readHeader(position, probe);
            int batchSize = Batches.size(probe, 0);
            if (batchSize < Batches.HEADER_SIZE || position + (long) batchSize > fileSize
                    || Batches.magic(probe, 0) != Batches.MAGIC) {
                break;
            }
            ByteBuffer batch = readBatch(position, batchSize);
            if (Batches.computeCrc(batch, 0, batchSize) != Batches.storedCrc(batch, 0)) {
                break;
            }
            index(batch, 0, position);
            visitor.visit(batch, 0);
            position += batchSize;
        }
        int truncated = (int) (fileSize - position);
        if (truncated > 0) {
            log.truncate(position);
        }
        size = position;
        return truncated;
    }

    /** Callback for each valid batch found by {@link #recover}. */
    interface BatchVisitor {
        void visit(ByteBuffer batch, int position);
    }

    /** Seals the segment: records its largest timestamp in the time index and trims index files. */
    void seal() throws IOException {
        if (maxTimestamp >= 0) {
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
        }
        offsetIndex.trim();
        timeIndex.trim();
    }

    /** Makes a sealed segment appendable again (the active segment after a restart). */
    void reopenForAppend(LogConfig config) throws IOException {
        offsetIndex.reopenForAppend(config.segmentIndexBytes());
        timeIndex.reopenForAppend(config.segmentIndexBytes());
        bytesSinceOffsetEntry = indexIntervalBytes;
        bytesSinceTimeEntry = indexIntervalBytes;
    }

    void flush() throws IOException {
        log.force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames the files with a {@code .deleted} suffix; {@link #deleteFiles} removes them later. */
    void markDeleted() throws IOException {
        for (String suffix : new String[] {".log", ".index", ".timeindex"}) {
            Path file = dir.resolve(fileName(baseOffset, suffix));
            if (Files.exists(file)) {
                Files.move(file, dir.resolve(fileName(baseOffset, suffix + ".deleted")));
            }
        }
    }

    void deleteFiles() throws IOException {
        close();
        for (String suffix : new String[] {".log", ".index", ".timeindex"}) {
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix)));
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix + ".deleted")));
        }
    }

    @Override
    public void close() throws IOException {
        offsetIndex.close();
        timeIndex.close();
        log.close();
    }
}
