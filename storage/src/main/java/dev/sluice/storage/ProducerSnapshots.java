package dev.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * `%020d.snapshot` files: the producer state as of an offset (all batches below it applied). Layout,
 * big-endian: version int16 (1), entry count int32, then per producer: id int64, epoch int16, batch count
 * int8, and per batch firstSeq int32, lastSeq int32, firstOffset int64, lastOffset int64, timestamp int64;
 * finally a CRC32C int32 of everything before it. Written to a temporary file, fsynced and renamed, so a
 * snapshot is either whole or absent. Stateless helpers; the writer thread calls them.
 */
final class ProducerSnapshots {
    static final String SUFFIX = ".snapshot";
    private static final short VERSION = 1;
    private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshots() {
    }

    static void write(Path dir, long offset, ProducerStateTable table) throws IOException {
        Map<Long, ProducerEntry> entries = table.entries();
        ByteBuffer buffer = ByteBuffer.allocate(2 + 4 + entries.size() * (11 + ProducerEntry.RETAINED_BATCHES
                * BATCH_BYTES) + 4);
        buffer.putShort(VERSION).putInt(entries.size());
        for (Map.Entry<Long, ProducerEntry> e : entries.entrySet()) {
            ProducerEntry entry = e.getValue();
            buffer.putLong(e.getKey()).putShort(entry.epoch()).put((byte) entry.count());
            for (int i = 0; i < entry.count(); i++) {
                buffer.putInt(entry.firstSeq(i)).putInt(entry.lastSeq(i)).putLong(entry.firstOffset(i))
                        .putLong(entry.lastOffset(i)).putLong(entry.timestamp(i));
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue()).flip();
        Path target = dir.resolve(Segment.fileName(offset, SUFFIX));
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a snapshot into {@code table}; returns false (table cleared) if the file is corrupt. */
    static boolean read(Path file, ProducerStateTable table) throws IOException {
        table.clear();
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
        if (buffer.remaining() < 10) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.limit() - 4);
        if ((int) crc.getValue() != buffer.getInt(buffer.limit() - 4) || buffer.getShort() != VERSION) {
            return false;
        }
        int producers = buffer.getInt();
        for (int p = 0; p < producers; p++) {
            long producerId = buffer.getLong();
            ProducerEntry entry = new ProducerEntry(buffer.getShort());
            int batches = buffer.get();
            for (int i = 0; i < batches; i++) {
                entry.add(entry.epoch(), buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong(),
                        buffer.getLong());
            }
            table.put(producerId, entry);
        }
        return true;
    }

    /** Snapshot offsets present in {@code dir}, ascending. */
    static List<Long> offsets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - SUFFIX.length()))).sorted().toList();
        }
    }

    static Path file(Path dir, long offset) {
        return dir.resolve(Segment.fileName(offset, SUFFIX));
    }

    /** Deletes snapshots above {@code maxOffset} and below {@code minOffset}, keeping the newest of the rest. */
    static void deleteOutside(Path dir, long minOffset, long maxOffset) throws IOException {
        List<Long> offsets = offsets(dir);
        for (int i = 0; i < offsets.size(); i++) {
            long offset = offsets.get(i);
            boolean newestKept = i == offsets.size() - 1 || offsets.get(i + 1) > maxOffset;
            if (offset > maxOffset || (offset < minOffset && !newestKept)) {
                Files.deleteIfExists(file(dir, offset));
            }
        }
    }
}
