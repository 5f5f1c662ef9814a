package dev.sluice.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What the log remembers of each idempotent producer: its epoch and the sequence and offset ranges of its
 * last five batches, enough to recognise a retried batch and to reject gaps. Saved in snapshot files
 * ({@code <offset>.snapshot}: the state after every batch below that offset) and rebuilt after a crash by
 * replaying the batches that follow the latest snapshot.
 *
 * <p>Owned by the log's writer; not thread-safe.
 */
final class ProducerState {
    static final int BATCHES_KEPT = 5;
    private static final int SNAPSHOT_VERSION = 1;

    /** One remembered batch. */
    record BatchRange(int firstSeq, int lastSeq, long firstOffset, long lastOffset) {
    }

    /** One producer's epoch and recent batches, oldest first. */
    static final class Entry {
        short epoch;
        final ArrayDeque<BatchRange> batches = new ArrayDeque<>(BATCHES_KEPT);

        int lastSeq() {
            return batches.isEmpty() ? Batches.NO_SEQUENCE : batches.peekLast().lastSeq();
        }
    }

    private final Map<Long, Entry> producers = new HashMap<>();

    /**
     * Checks the batch at {@code pos} against the producer's state. Returns the original range when the
     * batch was already appended, null when it may be appended; throws when it is out of order or fenced.
     */
    BatchRange check(ByteBuffer buf, int pos) {
        long producerId = Batches.producerId(buf, pos);
        short epoch = Batches.producerEpoch(buf, pos);
        int firstSeq = Batches.baseSequence(buf, pos);
        int lastSeq = lastSequence(firstSeq, Batches.lastOffsetDelta(buf, pos));
        Entry entry = producers.get(producerId);
        if (entry == null) {
            return null;
        }
        if (epoch < entry.epoch) {
            throw new InvalidProducerEpochException("Epoch of producer " + producerId + " is " + epoch
                    + ", which is smaller than the last seen epoch " + entry.epoch);
        }
        if (epoch > entry.epoch) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("Invalid sequence number for new epoch of producer "
                        + producerId + " at epoch " + epoch + ": " + firstSeq + " (request epoch), 0 (expected)");
            }
            return null;
        }
        for (BatchRange batch : entry.batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return batch;
            }
        }
        int expected = entry.lastSeq() == Integer.MAX_VALUE ? 0 : entry.lastSeq() + 1;
        if (entry.lastSeq() != Batches.NO_SEQUENCE && firstSeq != expected) {
            throw new OutOfOrderSequenceException("Out of order sequence number for producer " + producerId
                    + " at epoch " + epoch + ": " + firstSeq + " (incoming seq. number), " + entry.lastSeq()
                    + " (current end sequence number)");
        }
        return null;
    }

    /** Records an appended batch (offsets already assigned). */
    void update(ByteBuffer buf, int pos) {
        long producerId = Batches.producerId(buf, pos);
        short epoch = Batches.producerEpoch(buf, pos);
        Entry entry = producers.computeIfAbsent(producerId, id -> new Entry());
        if (epoch != entry.epoch) {
            entry.batches.clear();
            entry.epoch = epoch;
        }
        int firstSeq = Batches.baseSequence(buf, pos);
        if (entry.batches.size() == BATCHES_KEPT) {
            entry.batches.pollFirst();
        }
        entry.batches.addLast(new BatchRange(firstSeq, lastSequence(firstSeq, Batches.lastOffsetDelta(buf, pos)),
                Batches.baseOffset(buf, pos), Batches.lastOffset(buf, pos)));
    }

    private static int lastSequence(int firstSeq, int lastOffsetDelta) {
        long last = (long) firstSeq + lastOffsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    /** Forgets batches at or beyond {@code offset}, after the log was truncated there. */
    void truncateFrom(long offset) {
        Iterator<Entry> it = producers.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            entry.batches.removeIf(b -> b.lastOffset() >= offset);
            if (entry.batches.isEmpty()) {
                it.remove();
            }
        }
    }

    void clear() {
        producers.clear();
    }

    int producerCount() {
        return producers.size();
    }

    /** Writes {@code <offset>.snapshot} atomically. */
    void writeSnapshot(Path dir, long offset) throws IOException {
        Path file = dir.resolve(Segment.fileName(offset, ".snapshot"));
        Path tmp = dir.resolve(Segment.fileName(offset, ".snapshot.tmp"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SNAPSHOT_VERSION);
            out.writeInt(producers.size());
            for (Map.Entry<Long, Entry> e : producers.entrySet()) {
                out.writeLong(e.getKey());
                out.writeShort(e.getValue().epoch);
                out.writeByte(e.getValue().batches.size());
                for (BatchRange b : e.getValue().batches) {
                    out.writeInt(b.firstSeq());
                    out.writeInt(b.lastSeq());
                    out.writeLong(b.firstOffset());
                    out.writeLong(b.lastOffset());
                }
            }
        }
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer content = ByteBuffer.allocate(body.length + 8).putLong(crc.getValue()).put(body).flip();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Loads a snapshot; returns false (leaving the state empty) when the file is damaged. */
    boolean readSnapshot(Path file) throws IOException {
        producers.clear();
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        long stored = buf.getLong();
        CRC32C crc = new CRC32C();
        crc.update(all, 8, all.length - 8);
        if (crc.getValue() != stored) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 8, all.length - 8))) {
            if (in.readInt() != SNAPSHOT_VERSION) {
                return false;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Entry entry = new Entry();
                long producerId = in.readLong();
                entry.epoch = in.readShort();
                int batches = in.readByte();
                for (int b = 0; b < batches; b++) {
                    entry.batches.addLast(new BatchRange(in.readInt(), in.readInt(), in.readLong(), in.readLong()));
                }
                producers.put(producerId, entry);
            }
        }
        return true;
    }
}
