package dev.sluice.storage;

/**
 * What the log remembers about one idempotent producer id: its current epoch and the metadata of its last
 * {@link #RETAINED_BATCHES} batches (sequence range, offset range, timestamp), oldest first, used to spot
 * retried duplicates. Owned by the log's writer thread.
 */
final class ProducerEntry {
    static final int RETAINED_BATCHES = 5;

    private short epoch;
    private int count;
    private final int[] firstSeq = new int[RETAINED_BATCHES];
    private final int[] lastSeq = new int[RETAINED_BATCHES];
    private final long[] firstOffset = new long[RETAINED_BATCHES];
    private final long[] lastOffset = new long[RETAINED_BATCHES];
    private final long[] timestamp = new long[RETAINED_BATCHES];

    ProducerEntry(short epoch) {
        this.epoch = epoch;
    }

    /** base + delta on the sequence ring, which wraps from Integer.MAX_VALUE to 0. */
    static int addSequence(int base, int delta) {
        return base > Integer.MAX_VALUE - delta ? delta - (Integer.MAX_VALUE - base) - 1 : base + delta;
    }

    short epoch() {
        return epoch;
    }

    int count() {
        return count;
    }

    int firstSeq(int i) {
        return firstSeq[i];
    }

    int lastSeq(int i) {
        return lastSeq[i];
    }

    long firstOffset(int i) {
        return firstOffset[i];
    }

    long lastOffset(int i) {
        return lastOffset[i];
    }

    long timestamp(int i) {
        return timestamp[i];
    }

    /** Index of a retained batch with exactly this sequence range, or -1. */
    int findDuplicate(int first, int last) {
        for (int i = 0; i < count; i++) {
            if (firstSeq[i] == first && lastSeq[i] == last) {
                return i;
            }
        }
        return -1;
    }

    int lastSequence() {
        return count == 0 ? -1 : lastSeq[count - 1];
    }

    /** Records a batch; a newer epoch forgets the batches of the older one. */
    void add(short batchEpoch, int first, int last, long fromOffset, long toOffset, long timestampMs) {
        if (batchEpoch != epoch) {
            epoch = batchEpoch;
            count = 0;
        }
        if (count == RETAINED_BATCHES) {
            System.arraycopy(firstSeq, 1, firstSeq, 0, count - 1);
            System.arraycopy(lastSeq, 1, lastSeq, 0, count - 1);
            System.arraycopy(firstOffset, 1, firstOffset, 0, count - 1);
            System.arraycopy(lastOffset, 1, lastOffset, 0, count - 1);
            System.arraycopy(timestamp, 1, timestamp, 0, count - 1);
            count--;
        }
        firstSeq[count] = first;
        lastSeq[count] = last;
        firstOffset[count] = fromOffset;
        lastOffset[count] = toOffset;
        timestamp[count] = timestampMs;
        count++;
    }
}
