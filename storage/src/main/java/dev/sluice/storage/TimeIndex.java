package dev.sluice.storage;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from timestamp to offset in one segment: entries of (timestamp, offset relative to the base)
 * with strictly increasing timestamps. An entry's offset is the base offset of the batch that first
 * carried that timestamp, so the last entry names the batch with the segment's largest timestamp.
 */
final class TimeIndex extends MappedIndex {
    private static final int ENTRY = 12;
    private final long baseOffset;

    TimeIndex(Path path, long baseOffset, int maxBytes, boolean writable) throws IOException {
        super(path, ENTRY, maxBytes, writable);
        this.baseOffset = baseOffset;
    }

    @Override
    long keyAt(int entry) {
        return buffer().getLong(entry * ENTRY);
    }

    long offsetAt(int entry) {
        return baseOffset + buffer().getInt(entry * ENTRY + 8);
    }

    /** Adds an entry if the timestamp is larger than the last one; returns false when full. */
    boolean maybeAppend(long timestamp, long offset) {
        int count = entries();
        if (count > 0 && keyAt(count - 1) >= timestamp) {
            return true;
        }
        int slot = nextSlot();
        if (slot < 0) {
            return false;
        }
        MappedByteBuffer b = buffer();
        b.putLong(slot, timestamp);
        b.putInt(slot + 8, (int) (offset - baseOffset));
        publish();
        return true;
    }

    /** Largest timestamp indexed, or -1. */
    long lastTimestamp() {
        int count = entries();
        return count == 0 ? -1 : keyAt(count - 1);
    }

    /** Offset of the batch holding the largest timestamp indexed, or -1. */
    long lastOffset() {
        int count = entries();
        return count == 0 ? -1 : offsetAt(count - 1);
    }

    /** Offset from which a scan for {@code timestamp} should start. */
    long lookup(long timestamp) {
        int entry = floorEntry(timestamp - 1);
        return entry < 0 ? baseOffset : offsetAt(entry);
    }

    /** Drops entries for offsets at or beyond {@code offset}. */
    void truncateToOffset(long offset) {
        int keep = entries();
        while (keep > 0 && offsetAt(keep - 1) >= offset) {
            keep--;
        }
        truncateTo(keep);
    }
}
