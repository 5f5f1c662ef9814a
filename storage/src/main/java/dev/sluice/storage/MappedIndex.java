package dev.sluice.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory-mapped array of fixed-size entries keyed by offsets relative to a segment's base offset. While the
 * segment is active the mapping spans the configured index size but the file only grows in steps of
 * {@link #GROWTH_BYTES} ahead of the entries ({@link #ensureRoom}): the first write to a page of a sparse
 * file faults it in with read-ahead, which zero-fills up to the device's read-ahead window (8 MiB on some
 * machines) of page cache, and read-ahead stops at the end of the file. {@link #trimToSize} cuts the file to
 * the entries written. The single writer appends with absolute puts and then publishes the entry count through
 * a volatile field; readers only look at entries below the published count, so they never see a torn entry.
 */
abstract class MappedIndex {
    static final int GROWTH_BYTES = 128 * 1024;

    private final int entrySize;
    private final long baseOffset;
    private volatile Path file;
    private volatile MappedByteBuffer buffer;
    private volatile int entries;
    private int maxEntries;
    /** Length of the file; the mapping may reach past it, and nothing is written there before it grows. */
    private int fileBytes;

    /** Maps {@code file}; existing content counts as entries only when {@code keepEntries}. */
    MappedIndex(Path file, long baseOffset, int entrySize, int maxBytes, boolean keepEntries) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        long existing = Files.exists(file) ? Files.size(file) : 0;
        this.entries = keepEntries ? (int) (existing / entrySize) : 0;
        remap(Math.max(maxBytes / entrySize * entrySize, entries * entrySize));
    }

    final long baseOffset() {
        return baseOffset;
    }

    final int entries() {
        return entries;
    }

    final boolean hasRoomFor(int count) {
        return maxEntries - entries >= count;
    }

    final Path file() {
        return file;
    }

    final MappedByteBuffer buffer() {
        return buffer;
    }

    /** Offset relative to the base, which must fit an int (segments roll before it would not). */
    final int relative(long offset) {
        return (int) (offset - baseOffset);
    }

    /** Grows the file, if needed, so that {@code count} more entries (up to the capacity) can be written. */
    final void ensureRoom(int count) throws IOException {
        long needed = Math.min((long) entries + count, maxEntries) * entrySize;
        if (needed > fileBytes) {
            int length = (int) Math.min(roundUpToGrowth(needed), (long) maxEntries * entrySize);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(length);
            }
            fileBytes = length;
        }
    }

    /** Byte position of the next entry, which {@link #ensureRoom} must have made room for. */
    final int nextEntryPosition() {
        int at = entries * entrySize;
        if (at + entrySize > fileBytes) {
            throw new IllegalStateException(file + " has no room grown for entry " + entries);
        }
        return at;
    }

    /** Makes the entry just written at {@link #nextEntryPosition} visible to readers. */
    final void publishEntry() {
        entries = entries + 1;
    }

    /** Index of the last entry whose key is <= target (strictly < when {@code strict}), or -1. */
    final int floorSlot(long target, boolean strict) {
        int low = 0;
        int high = entries - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long key = keyAt(mid);
            if (key < target || (!strict && key == target)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    abstract long keyAt(int slot);

    final void reset() {
        entries = 0;
    }

    /** Cuts the file to the entries written: the segment is no longer active. */
    final void trimToSize() throws IOException {
        remap(entries * entrySize);
    }

    /** Grows the file back to the preallocated size so the segment can take appends again. */
    final void growTo(int maxBytes) throws IOException {
        remap(Math.max(maxBytes / entrySize * entrySize, entries * entrySize));
    }

    final void flush() {
        buffer.force();
    }

    final void renameTo(Path target) throws IOException {
        Files.move(file, target);
        file = target;
    }

    final void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Maps {@code length} bytes, leaving the file one growth step past the entries (or at the length). */
    private void remap(int length) throws IOException {
        int keep = (int) Math.min(roundUpToGrowth((long) entries * entrySize), length);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
            buffer = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            if (keep < length) {
                raf.setLength(keep);
            }
        }
        fileBytes = keep;
        maxEntries = length / entrySize;
    }

    private static long roundUpToGrowth(long bytes) {
        return (bytes + GROWTH_BYTES - 1) / GROWTH_BYTES * GROWTH_BYTES;
    }
}
