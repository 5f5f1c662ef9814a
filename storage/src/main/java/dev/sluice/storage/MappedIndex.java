package dev.sluice.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory-mapped array of fixed-size entries keyed by offsets relative to a segment's base offset. While the
 * segment is active the file is preallocated to the configured index size; {@link #trimToSize} cuts it to
 * the entries written. The single writer appends with absolute puts and then publishes the entry count through
 * a volatile field; readers only look at entries below the published count, so they never see a torn entry.
 */
abstract class MappedIndex {
    private final int entrySize;
    private final long baseOffset;
    private volatile Path file;
    private volatile MappedByteBuffer buffer;
    private volatile int entries;
    private int maxEntries;

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

    /** Makes the entry just written at {@code entries * entrySize} visible to readers. */
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

    private void remap(int length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
            buffer = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        maxEntries = length / entrySize;
    }
}
