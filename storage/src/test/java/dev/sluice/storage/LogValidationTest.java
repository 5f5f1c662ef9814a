package dev.sluice.storage;

import static dev.sluice.storage.Batches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;

class LogValidationTest extends LogTestBase {

    private static void reseal(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = batch.duplicate().position(21);
        crc.update(covered);
        batch.putInt(17, (int) crc.getValue());
    }

    private void assertRejectedWithoutWriting(Log log, Class<? extends StorageException> type, ByteBuffer batches) {
        long end = log.logEndOffset();
        long size = log.sizeInBytes();
        assertThrows(type, () -> log.append(batches, 0));
        assertEquals(end, log.logEndOffset());
        assertEquals(size, log.sizeInBytes());
    }

    @Test
    void crcMismatchIsCorrupt() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW, NOW);
        bad.put(bad.limit() - 1, (byte) (bad.get(bad.limit() - 1) ^ 1));
        assertRejectedWithoutWriting(log, CorruptBatchException.class, bad);
    }

    @Test
    void oneBadBatchRejectsTheWholeAppend() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW);
        bad.put(30, (byte) 99);
        assertRejectedWithoutWriting(log, CorruptBatchException.class,
                Batches.concat(batch(Compression.NONE, NOW), bad));
    }

    @Test
    void lengthFieldsThatDoNotFitAreCorrupt() throws Exception {
        Log log = open();
        ByteBuffer tooLong = batch(Compression.NONE, NOW);
        tooLong.putInt(8, tooLong.remaining());
        assertRejectedWithoutWriting(log, CorruptBatchException.class, tooLong);
        ByteBuffer truncated = batch(Compression.NONE, NOW).limit(40);
        assertRejectedWithoutWriting(log, CorruptBatchException.class, truncated);
        ByteBuffer tooShort = batch(Compression.NONE, NOW);
        tooShort.putInt(8, 10);
        assertRejectedWithoutWriting(log, CorruptBatchException.class, tooShort);
    }

    @Test
    void recordCountThatDisagreesWithLastOffsetDeltaIsAnInvalidRecord() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW, NOW);
        bad.putInt(57, 3);
        reseal(bad);
        assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
    }

    @Test
    void uncompressedRecordsThatDoNotAddUpAreAnInvalidRecord() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW, NOW);
        bad.put(61, (byte) 120);
        reseal(bad);
        assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
    }

    private static final List<Compression> CODECS = List.of(Compression.gzip().build(), Compression.snappy().build(),
            Compression.lz4().build(), Compression.zstd().build());

    @Test
    void compressedBatchesDeclaringOtherRecordCountsThanTheyHoldAreInvalidRecords() throws Exception {
        Log log = open();
        for (Compression codec : CODECS) {
            for (int declared : new int[] {1, 3}) {
                ByteBuffer bad = batch(codec, NOW, NOW);
                bad.putInt(23, declared - 1);
                bad.putInt(57, declared);
                reseal(bad);
                assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
            }
            log.append(batch(codec, NOW, NOW), 0);
        }
        assertEquals(2L * CODECS.size(), log.logEndOffset());
    }

    @Test
    void unknownCompressionCodecIsAnInvalidRecord() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW);
        bad.putShort(21, (short) (bad.getShort(21) | 5));
        reseal(bad);
        assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
    }

    @Test
    void uncompressedRecordWhoseKeyOverrunsItIsAnInvalidRecord() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW);
        int keyLengthAt = RecordBatchView.HEADER_SIZE + 1 + 1 + 1 + 1;
        assertEquals(4, bad.get(keyLengthAt), "zig-zag encoded key length 2 expected");
        bad.put(keyLengthAt, (byte) 40);
        reseal(bad);
        assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
    }

    /** Whatever a client sends with a matching CRC, an accepted batch is one every consumer can read back. */
    @Test
    void mangledRecordsAreRejectedOrReadableNeverStoredUnreadable() throws Exception {
        Log log = open();
        Random random = new Random(42);
        int accepted = 0;
        int rejected = 0;
        for (Compression codec : Stream.concat(Stream.of(Compression.NONE), CODECS.stream()).toList()) {
            for (int round = 0; round < 300; round++) {
                ByteBuffer mangled = batch(codec, NOW, NOW, NOW);
                int payload = mangled.limit() - RecordBatchView.HEADER_SIZE;
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    mangled.put(RecordBatchView.HEADER_SIZE + random.nextInt(payload), (byte) random.nextInt(256));
                }
                reseal(mangled);
                long before = log.logEndOffset();
                try {
                    log.append(mangled, 0);
                    accepted++;
                } catch (InvalidRecordException e) {
                    rejected++;
                    assertEquals(before, log.logEndOffset(), "a rejected append moved the log end offset");
                    continue;
                }
                Log.ReadResult read = log.read(before, Integer.MAX_VALUE, Long.MAX_VALUE, false);
                for (MutableRecordBatch stored : Batches.batchesOf(read)) {
                    stored.ensureValid();
                    int records = 0;
                    for (Record record : stored) {
                        record.ensureValid();
                        records++;
                    }
                    assertEquals(3, records, codec + ": records of an accepted batch");
                }
            }
        }
        assertTrue(rejected > 0 && accepted > 0, "accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void batchLargerThanMaxMessageBytesIsTooLarge() throws Exception {
        Log log = open(config().maxMessageBytes(500).build());
        assertRejectedWithoutWriting(log, BatchTooLargeException.class, Batches.sized(NOW, 600));
    }

    @Test
    void timestampsOutsideTheWindowAreInvalid() throws Exception {
        Log log = open(config().timestampBeforeMaxMs(1000).build());
        assertRejectedWithoutWriting(log, InvalidTimestampException.class, batch(Compression.NONE, NOW - 1001));
        assertRejectedWithoutWriting(log, InvalidTimestampException.class,
                batch(Compression.NONE, NOW + 3_600_001));
        log.append(batch(Compression.NONE, NOW - 1000, NOW + 3_600_000), 0);
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void aRecordOlderThanTheWindowIsInvalidEvenWhenItsBatchsNewestIsInside() throws Exception {
        Log log = open(config().timestampBeforeMaxMs(1000).build());
        for (Compression codec : List.of(Compression.NONE, Compression.lz4().build())) {
            assertRejectedWithoutWriting(log, InvalidTimestampException.class, batch(codec, NOW, NOW - 1001, NOW));
            log.append(batch(codec, NOW, NOW - 1000, NOW), 0);
        }
        assertEquals(6, log.logEndOffset());
    }

    @Test
    void logAppendTimeIgnoresClientTimestamps() throws Exception {
        Log log = open(config().logAppendTime(true).timestampBeforeMaxMs(1000).build());
        log.append(batch(Compression.NONE, 1L), 0);
        assertEquals(1, log.logEndOffset());
    }

    @Test
    void magicOtherThanTwoIsUnsupported() throws Exception {
        Log log = open();
        ByteBuffer v1 = batch(Compression.NONE, NOW);
        v1.put(16, (byte) 1);
        assertRejectedWithoutWriting(log, UnsupportedMagicException.class, v1);
    }

    @Test
    void controlBatchFromAClientIsInvalid() throws Exception {
        Log log = open();
        ByteBuffer control = ByteBuffer.allocate(256);
        MemoryRecords.writeEndTransactionalMarker(control, 0L, NOW, 0, 1L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        assertRejectedWithoutWriting(log, InvalidRecordException.class, control.flip());
    }

    @Test
    void twoBatchesWithProducerIdsInOneAppendAreInvalid() throws Exception {
        Log log = open();
        ByteBuffer twice = Batches.concat(Batches.idempotent(Compression.NONE, 5L, (short) 0, 0, NOW),
                Batches.idempotent(Compression.NONE, 5L, (short) 0, 1, NOW));
        assertRejectedWithoutWriting(log, InvalidRecordException.class, twice);
    }

    @Test
    void emptyAppendIsInvalid() throws Exception {
        Log log = open();
        assertRejectedWithoutWriting(log, InvalidRecordException.class, ByteBuffer.allocate(0));
    }

    @Test
    void appendLargerThanASegmentIsTooLarge() throws Exception {
        int size = Batches.sized(NOW, 300).remaining();
        Log log = open(config().segmentBytes(size * 2 - 1).build());
        assertRejectedWithoutWriting(log, BatchTooLargeException.class,
                Batches.concat(Batches.sized(NOW, 300), Batches.sized(NOW, 300)));
    }

    @Test
    void uncompressedRecordsWithNonSequentialOffsetDeltasAreInvalid() throws Exception {
        Log log = open();
        ByteBuffer bad = batch(Compression.NONE, NOW, NOW);
        int secondRecord = 61 + 1 + bad.get(61) / 2;
        int offsetDeltaAt = secondRecord + 1 + 1 + 1;
        assertEquals(2, bad.get(offsetDeltaAt), "zig-zag encoded offset delta 1 expected");
        bad.put(offsetDeltaAt, (byte) 4);
        reseal(bad);
        assertRejectedWithoutWriting(log, InvalidRecordException.class, bad);
    }

    @Test
    void defaultsAreKafkas() {
        LogConfig defaults = LogConfig.defaults();
        assertEquals(1 << 30, defaults.segmentBytes());
        assertEquals(604_800_000L, defaults.segmentMs());
        assertEquals(604_800_000L, defaults.retentionMs());
        assertEquals(-1, defaults.retentionBytes());
        assertEquals(4096, defaults.indexIntervalBytes());
        assertEquals(10_485_760, defaults.segmentIndexBytes());
        assertEquals(Long.MAX_VALUE, defaults.flushMessages());
        assertEquals(Long.MAX_VALUE, defaults.flushMs());
        assertEquals(1_048_588, defaults.maxMessageBytes());
        assertFalse(defaults.logAppendTime());
        assertEquals(Long.MAX_VALUE, defaults.timestampBeforeMaxMs());
        assertEquals(3_600_000L, defaults.timestampAfterMaxMs());
        assertEquals(60_000L, defaults.fileDeleteDelayMs());
    }
}
