package dev.sluice.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * Idempotent-producer state of one partition: producer id -> {@link ProducerEntry}. Decides whether an
 * incoming batch is a duplicate, continues its producer's sequence, or must be rejected, and records batches
 * once written. Owned by the log's writer thread (and the loader before the log is published).
 */
final class ProducerStateTable {
    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    /** The already-written batch that this batch duplicates (index into the entry), or -1 if it is new. */
    int check(RecordBatchView batch) {
        ProducerEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return -1;
        }
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        if (epoch < entry.epoch()) {
            throw new InvalidProducerEpochException("producer " + batch.producerId() + " epoch " + epoch
                    + " is older than current epoch " + entry.epoch());
        }
        if (epoch > entry.epoch()) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("producer " + batch.producerId() + " new epoch " + epoch
                        + " must start at sequence 0, got " + firstSeq);
            }
            return -1;
        }
        int duplicate = entry.findDuplicate(firstSeq, batch.lastSequence());
        if (duplicate >= 0) {
            return duplicate;
        }
        int expected = ProducerEntry.addSequence(entry.lastSequence(), 1);
        if (firstSeq != expected) {
            throw new OutOfOrderSequenceException("producer " + batch.producerId() + " expected sequence "
                    + expected + ", got " + firstSeq);
        }
        return -1;
    }

    ProducerEntry entry(long producerId) {
        return producers.get(producerId);
    }

    /** Records a written batch (its offsets already assigned). */
    void update(RecordBatchView batch) {
        producers.computeIfAbsent(batch.producerId(), id -> new ProducerEntry(batch.producerEpoch()))
                .add(batch.producerEpoch(), batch.baseSequence(), batch.lastSequence(), batch.baseOffset(),
                        batch.lastOffset(), batch.maxTimestamp());
    }

    void put(long producerId, ProducerEntry entry) {
        producers.put(producerId, entry);
    }

    Map<Long, ProducerEntry> entries() {
        return producers;
    }

    void clear() {
        producers.clear();
    }
}
