package dev.sluice.storage;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size entries, sorted by key, with a single appender. While the segment is
 * active the file is preallocated to the maximum size; {@link #trim()} cuts it to the entries written.
 * Readers see entries up to the count published after each append; they search without locking.
 *
 * <p>Single writer; any number of concurrent readers.
 */
abstract class MappedIndex implements AutoCloseable {
    private final Path path;
    private final int entrySize;
    private FileChannel channel;
    private volatile MappedByteBuffer buffer;
    private volatile int entries;
    private int capacity;

    MappedIndex(Path path, int entrySize, int maxBytes, boolean writable) throws IOException {
        this.path = path;
        this.entrySize = entrySize;
        boolean existed = Files.exists(path);
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long length = channel.size();
        this.entries = existed ? (int) (length / entrySize) : 0;
        map(writable ? Math.max(maxBytes / entrySize * entrySize, entries * entrySize) : entries * entrySize);
    }

    private void map(int bytes) throws IOException {
        if (channel.size() != bytes) {
            if (channel.size() > bytes) {
                channel.truncate(bytes);
            } else {
                try (var raf = new java.io.RandomAccessFile(path.toFile(), "rw")) {
                    raf.setLength(bytes);
                }
            }
        }
        capacity = bytes / entrySize;
        buffer = bytes == 0 ? null : channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
    }

    Path path() {
        return path;
    }

    final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= capacity;
    }

    /** The mapped buffer for subclasses to read; valid for entries below {@link #entries()}. */
    final MappedByteBuffer buffer() {
        return buffer;
    }

    final int entrySize() {
        return entrySize;
    }

    /** Reserves the next entry slot and returns its byte position, or -1 when full. */
    final int nextSlot() {
        return isFull() ? -1 : entries * entrySize;
    }

    final void publish() {
        entries = entries + 1;
    }

    /** Drops every entry at or after {@code entry}. */
    final void truncateTo(int entry) {
        if (entry < entries) {
            entries = entry;
        }
    }

    /** Largest entry index whose key is at most {@code key}, or -1. */
    final int floorEntry(long key) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keyAt(mid) <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    abstract long keyAt(int entry);

    /** Cuts the file to the entries written, for a segment that will not grow again. */
    void trim() throws IOException {
        map(entries * entrySize);
    }

    /** Grows the file back to its maximum size so the segment can take appends again. */
    void reopenForAppend(int maxBytes) throws IOException {
        map(Math.max(maxBytes / entrySize * entrySize, entries * entrySize));
    }

    void flush() {
        MappedByteBuffer b = buffer;
        if (b != null) {
            b.force();
        }
    }

    @Override
    public void close() throws IOException {
        buffer = null;
        channel.close();
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    void renameTo(Path target) throws IOException {
        Files.move(path, target);
    }
}
