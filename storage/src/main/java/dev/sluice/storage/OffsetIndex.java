package dev.sluice.storage;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from offset to file position in one segment: entries of (offset relative to the segment's
 * base, position) in increasing order, one every {@code index.interval.bytes} of batches.
 */
final class OffsetIndex extends MappedIndex {
    private static final int ENTRY = 8;
    private final long baseOffset;

    OffsetIndex(Path path, long baseOffset, int maxBytes, boolean writable) throws IOException {
        super(path, ENTRY, maxBytes, writable);
        this.baseOffset = baseOffset;
    }

    @Override
    long keyAt(int entry) {
        return baseOffset + buffer().getInt(entry * ENTRY);
    }

    int positionAt(int entry) {
        return buffer().getInt(entry * ENTRY + 4);
    }

    /** Adds an entry; returns false when the index is full. */
    boolean append(long offset, int position) {
        int slot = nextSlot();
        if (slot < 0) {
            return false;
        }
        MappedByteBuffer b = buffer();
        b.putInt(slot, (int) (offset - baseOffset));
        b.putInt(slot + 4, position);
        publish();
        return true;
    }

    /** Position of the last indexed batch starting at or before {@code offset}; 0 when none. */
    int lookup(long offset) {
        int entry = floorEntry(offset);
        return entry < 0 ? 0 : positionAt(entry);
    }

    /** Drops entries for positions at or beyond {@code position}. */
    void truncateToPosition(int position) {
        int keep = entries();
        while (keep > 0 && positionAt(keep - 1) >= position) {
            keep--;
        }
        truncateTo(keep);
    }
}
