package dev.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * One segment of a partition log: `<base>.log` holding v2 batches back to back exactly as appended, plus its
 * sparse `.index` and `.timeindex`. Invariants: every offset in the segment is >= baseOffset and fits an int
 * relative to it; batches below {@link #size()} are complete and valid. The log's writer thread is the only
 * one to append, truncate, roll or close; any thread may read below the published (volatile) size.
 */
final class Segment {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String DELETED_SUFFIX = ".deleted";

    /** A batch found while scanning: the view is only valid during the call. */
    @FunctionalInterface
    interface BatchVisitor {
        void accept(RecordBatchView batch);
    }

    /** Largest timestamp in the segment and the last offset of the first batch carrying it. */
    record MaxTimestamp(long timestampMs, long offset) {
    }

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final boolean reservable;
    private volatile Path logFile;
    private volatile int size;
    private volatile MaxTimestamp maxTimestamp;
    private int bytesSinceLastIndexEntry;
    private long rollBaseTimeMs = -1;
    private boolean indexesPresent = true;
    private long writerMaxTimestamp = Long.MIN_VALUE;
    private long writerOffsetOfMaxTimestamp = -1;
    /** End of the disk space this process reserved for the file; appends below it need no new reservation. */
    private long reservedEnd;

    private Segment(Path logFile, long baseOffset, FileChannel channel, OffsetIndex offsetIndex, TimeIndex timeIndex)
            throws IOException {
        this.logFile = logFile;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.size = (int) channel.size();
        this.reservable = DiskReservation.supported(logFile.getParent());
    }

    static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** Creates an empty active segment, replacing any stale files with the same base offset. */
    static Segment create(Path dir, long baseOffset, int indexBytes) throws IOException {
        Path log = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
        Files.deleteIfExists(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)));
        Files.deleteIfExists(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)));
        FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new Segment(log, baseOffset, channel,
                new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset, indexBytes, false),
                new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)), baseOffset, indexBytes, false));
    }

    /** Opens an existing segment with its index files mapped as found (call {@link #indexesLookSane} next). */
    static Segment open(Path dir, long baseOffset) throws IOException {
        Path log = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
        boolean indexesPresent = Files.exists(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)))
                && Files.exists(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)));
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment segment = new Segment(log, baseOffset, channel,
                new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset, 0, true),
                new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)), baseOffset, 0, true));
        segment.indexesPresent = indexesPresent;
        int entries = segment.timeIndex.entries();
        if (entries > 0) {
            segment.publishMaxTimestamp(segment.timeIndex.keyAt(entries - 1), segment.timeIndex.offsetAt(entries - 1));
        }
        return segment;
    }

    long baseOffset() {
        return baseOffset;
    }

    private void publishMaxTimestamp(long timestampMs, long offset) {
        writerMaxTimestamp = timestampMs;
        writerOffsetOfMaxTimestamp = offset;
        maxTimestamp = offset < 0 ? null : new MaxTimestamp(timestampMs, offset);
    }

    int size() {
        return size;
    }

    FileChannel channel() {
        return channel;
    }

    MaxTimestamp maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * Appends {@code batchCount} validated batches whose offsets are already assigned, then indexes and publishes
     * them. The index files grow first, so that nothing can fail once the log holds the batches.
     */
    void append(ByteBuffer batches, RecordBatchView view, int batchCount, LogConfig config, long nowMs)
            throws IOException {
        offsetIndex.ensureRoom(batchCount);
        timeIndex.ensureRoom(batchCount);
        int start = size;
        reserveFor(start + batches.remaining(), config.reserveBytes());
        writeAt(batches.duplicate(), start);
        if (start == 0) {
            rollBaseTimeMs = nowMs;
        }
        long previousMax = writerMaxTimestamp;
        int batchStart = start;
        for (int at = batches.position(); at < batches.limit(); at += view.sizeInBytes()) {
            view.wrap(batches, at);
            indexBatch(view, batchStart, config.indexIntervalBytes());
            batchStart += view.sizeInBytes();
        }
        size = batchStart;
        if (writerMaxTimestamp != previousMax || maxTimestamp == null) {
            maxTimestamp = new MaxTimestamp(writerMaxTimestamp, writerOffsetOfMaxTimestamp);
        }
    }

    /**
     * Reserves disk space up to {@code end}, {@code stepBytes} or more at a time, when the bytes about to be written
     * would pass what is reserved. A reservation the file system refused is not retried before the next step.
     */
    private void reserveFor(long end, long stepBytes) {
        if (stepBytes > 0 && end > reservedEnd && reservable) {
            long from = Math.max(reservedEnd, size);
            long length = Math.max(stepBytes, end - from);
            if (DiskReservation.tryReserve(logFile, from, length)) {
                reservedEnd = from + length;
            }
        }
    }

    /** Writes all of {@code source} at {@code position}; on failure cuts the file back so no partial append stays. */
    private void writeAt(ByteBuffer source, int position) throws IOException {
        try {
            long at = position;
            while (source.hasRemaining()) {
                at += channel.write(source, at);
            }
        } catch (IOException e) {
            try {
                channel.truncate(position);
                reservedEnd = position;
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void indexBatch(RecordBatchView batch, int position, int indexIntervalBytes) {
        if (batch.maxTimestamp() > writerMaxTimestamp || writerOffsetOfMaxTimestamp < 0) {
            writerMaxTimestamp = batch.maxTimestamp();
            writerOffsetOfMaxTimestamp = batch.lastOffset();
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes && offsetIndex.hasRoomFor(1)) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(writerMaxTimestamp, writerOffsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
    }

    /** Whether an append of this shape must go to a new segment. */
    boolean shouldRoll(LogConfig config, int appendBytes, int batches, long lastOffset, long nowMs) {
        if (size == 0) {
            return false;
        }
        return size > (long) config.segmentBytes() - appendBytes
                || nowMs - rollBaseTimeMs() >= config.segmentMs()
                || !offsetIndex.hasRoomFor(batches) || !timeIndex.hasRoomFor(batches + 1)
                || lastOffset - baseOffset > Integer.MAX_VALUE;
    }

    /** Time the segment started, for segment.ms: its first append, or after a restart its first timestamp. */
    long rollBaseTimeMs() {
        if (rollBaseTimeMs < 0 && size > 0) {
            ByteBuffer header = ByteBuffer.allocate(RecordBatchView.HEADER_SIZE);
            try {
                readHeader(header, 0);
            } catch (IOException e) {
                throw new LogIOException("cannot read " + logFile, e);
            }
            rollBaseTimeMs = new RecordBatchView().wrap(header, 0).maxTimestamp();
        }
        return rollBaseTimeMs;
    }

    /**
     * Reads whole batches starting with the one holding startOffset, or returns null if the segment holds no
     * batch with lastOffset >= startOffset. The record count is the span of offsets read: offsets in a
     * segment are contiguous, each batch's lastOffsetDelta being its record count less one.
     */
    Log.ReadResult read(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch) throws IOException {
        try (HeaderWindow headers = new HeaderWindow(channel, size)) {
            int position = findBatchStart(startOffset, headers);
            if (position < 0) {
                return null;
            }
            long firstOffset = headers.at(position).baseOffset();
            long byteLimit = position + (long) maxBytes;
            // Every batch before an indexed batch start that lies within the byte limit, and whose batch ends
            // below maxOffset, fits the read: the walk over headers starts there, not at the first batch.
            int at = Math.max(position, offsetIndex.lastBatchStartBefore(
                    (int) Math.min(byteLimit, headers.limit() - 1L), maxOffset));
            long endOffset = firstOffset;
            int tail = 0;
            while (at < headers.limit()) {
                RecordBatchView batch = headers.at(at);
                int batchSize = batch.sizeInBytes();
                if (batch.lastOffset() >= maxOffset) {
                    endOffset = batch.baseOffset();
                    break;
                }
                if (at + (long) batchSize > byteLimit && !(minOneBatch && at == position)) {
                    endOffset = batch.baseOffset();
                    // Only behind a whole batch, since a client given nothing but part of one cannot make
                    // progress; none when a first batch larger than the limit was returned.
                    tail = at > position ? (int) Math.max(0, byteLimit - at) : 0;
                    break;
                }
                at += batchSize;
                endOffset = batch.lastOffset() + 1;
            }
            return new Log.ReadResult(channel, position, at - position, (int) (endOffset - firstOffset), tail);
        }
    }

    /** Position of the first published batch with lastOffset >= offset, or -1. */
    private int findBatchStart(long offset, HeaderWindow headers) throws IOException {
        for (int at = offsetIndex.lookup(offset); at < headers.limit(); ) {
            RecordBatchView batch = headers.at(at);
            if (batch.lastOffset() >= offset) {
                return at;
            }
            at += batch.sizeInBytes();
        }
        return -1;
    }

    /** Visits batch headers from the batch holding {@code fromOffset} to the published end. */
    void scanHeaders(long fromOffset, BatchVisitor visitor) throws IOException {
        findInBatches(fromOffset, batch -> {
            visitor.accept(batch);
            return false;
        }, batch -> null);
    }

    /**
     * Scans batches from the one holding {@code fromOffset}; each batch whose header passes {@code filter} is
     * read whole and given to {@code search}; returns the first non-null answer, or null.
     */
    <T> T findInBatches(long fromOffset, Predicate<RecordBatchView> filter, Function<ByteBuffer, T> search)
            throws IOException {
        try (HeaderWindow headers = new HeaderWindow(channel, size)) {
            for (int at = findBatchStart(fromOffset, headers); at >= 0 && at < headers.limit(); ) {
                RecordBatchView batch = headers.at(at);
                int batchSize = batch.sizeInBytes();
                if (filter.test(batch)) {
                    T found = search.apply(readBatch(ByteBuffer.allocate(batchSize), at, batchSize));
                    if (found != null) {
                        return found;
                    }
                }
                at += batchSize;
            }
            return null;
        }
    }

    /** Offset after which a record with timestamp >= target may first appear (see {@link TimeIndex}). */
    long offsetBeforeTimestamp(long timestampMs) {
        return timeIndex.offsetBefore(timestampMs);
    }

    /** Next offset after the last batch, found from the last index entry without scanning the whole file. */
    long nextOffset() throws IOException {
        long[] next = {baseOffset};
        int entries = offsetIndex.entries();
        scanHeaders(entries == 0 ? baseOffset : offsetIndex.keyAt(entries - 1),
                batch -> next[0] = batch.lastOffset() + 1);
        return next[0];
    }

    /**
     * Checks the index files against the log before trusting them on a restart; {@code nextOffset} is the
     * following segment's base offset, or -1 for the last segment (then it is found from the log).
     */
    boolean indexesLookSane(long nextOffset) throws IOException {
        if (!indexesPresent || !offsetIndex.isSane(size)) {
            return false;
        }
        int entries = offsetIndex.entries();
        if (entries > 0) {
            int position = offsetIndex.positionAt(entries - 1);
            if (size - position < RecordBatchView.HEADER_SIZE) {
                return false;
            }
            ByteBuffer header = ByteBuffer.allocate(RecordBatchView.HEADER_SIZE);
            readHeader(header, position);
            RecordBatchView view = new RecordBatchView().wrap(header, 0);
            if (view.magic() != RecordBatchView.MAGIC_V2 || view.lastOffset() != offsetIndex.keyAt(entries - 1)) {
                return false;
            }
        }
        return timeIndex.isSane(nextOffset < 0 ? nextOffset() : nextOffset);
    }

    /**
     * Validates every batch from the start of the file, rebuilding both indexes, and truncates the file at the
     * first batch that is torn or invalid.
     */
    SegmentRecovery recover(int indexIntervalBytes, int indexBytes) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        offsetIndex.growTo(indexBytes);
        timeIndex.growTo(indexBytes);
        bytesSinceLastIndexEntry = 0;
        long fileSize = channel.size();
        CRC32C crc = new CRC32C();
        RecordBatchView view = new RecordBatchView();
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatchView.HEADER_SIZE);
        publishMaxTimestamp(Long.MIN_VALUE, -1);
        long next = baseOffset;
        int position = 0;
        while (fileSize - position >= RecordBatchView.HEADER_SIZE) {
            buffer.clear().limit(RecordBatchView.HEADER_SIZE);
            readFully(buffer, position);
            view.wrap(buffer, 0);
            int batchSize = view.batchLength() + RecordBatchView.LOG_OVERHEAD;
            if (view.magic() != RecordBatchView.MAGIC_V2 || batchSize < RecordBatchView.HEADER_SIZE
                    || batchSize > fileSize - position || view.baseOffset() < next || view.lastOffsetDelta() < 0
                    || view.lastOffset() - baseOffset > Integer.MAX_VALUE) {
                break;
            }
            buffer = readBatch(buffer, position, batchSize);
            view.wrap(buffer, 0);
            if (!view.isCrcValid(crc)) {
                break;
            }
            offsetIndex.ensureRoom(1);
            timeIndex.ensureRoom(1);
            indexBatch(view, position, indexIntervalBytes);
            next = view.lastOffset() + 1;
            position += batchSize;
        }
        long truncated = fileSize - position;
        if (truncated > 0) {
            channel.truncate(position);
        }
        size = position;
        publishMaxTimestamp(writerMaxTimestamp, writerOffsetOfMaxTimestamp);
        rollBaseTimeMs = -1;
        return new SegmentRecovery(next, truncated);
    }

    /** Outcome of {@link #recover}: the next offset and how many bytes were cut from the tail. */
    record SegmentRecovery(long nextOffset, long truncatedBytes) {
    }

    /** Reads the whole batch at {@code position} into {@code buffer} (grown if needed), flipped for reading. */
    ByteBuffer readBatch(ByteBuffer buffer, int position, int batchSize) throws IOException {
        ByteBuffer target = buffer.capacity() >= batchSize ? buffer : ByteBuffer.allocate(batchSize);
        target.clear().limit(batchSize);
        readFully(target, position);
        target.flip();
        return target;
    }

    /**
     * Appends the final time-index entry and cuts both indexes to size, and gives back disk space reserved past
     * the end of the log file: the segment takes no more appends.
     */
    void onBecomeInactive() throws IOException {
        MaxTimestamp max = maxTimestamp;
        if (max != null) {
            timeIndex.ensureRoom(1);
            timeIndex.maybeAppend(max.timestampMs(), max.offset());
        }
        offsetIndex.trimToSize();
        timeIndex.trimToSize();
        if (reservable) {
            DiskReservation.release(logFile, channel.size());
            reservedEnd = 0;
        }
    }

    /** Makes a loaded segment the active one again: indexes regain their preallocated room. */
    void onBecomeActive(int indexBytes) throws IOException {
        offsetIndex.growTo(indexBytes);
        timeIndex.growTo(indexBytes);
        int entries = offsetIndex.entries();
        bytesSinceLastIndexEntry = entries == 0 ? size : size - offsetIndex.positionAt(entries - 1);
    }

    void flush() throws IOException {
        channel.force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames the files with the `.deleted` suffix; open channels and mappings stay usable for readers. */
    void markDeleted() throws IOException {
        Path target = logFile.resolveSibling(logFile.getFileName() + DELETED_SUFFIX);
        Files.move(logFile, target);
        logFile = target;
        offsetIndex.renameTo(offsetIndex.file().resolveSibling(offsetIndex.file().getFileName() + DELETED_SUFFIX));
        timeIndex.renameTo(timeIndex.file().resolveSibling(timeIndex.file().getFileName() + DELETED_SUFFIX));
    }

    void close() throws IOException {
        channel.close();
    }

    void closeAndDeleteFiles() throws IOException {
        channel.close();
        Files.deleteIfExists(logFile);
        offsetIndex.deleteFile();
        timeIndex.deleteFile();
    }

    private void readHeader(ByteBuffer header, int position) throws IOException {
        header.clear();
        readFully(header, position);
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        HeaderWindow.readFully(channel, target, position);
    }
}
