package dev.sluice.storage;

import static dev.sluice.storage.Batches.batch;
import static dev.sluice.storage.Batches.batchesOf;
import static dev.sluice.storage.Batches.offsetsOf;
import static dev.sluice.storage.Batches.sized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogAppendReadTest extends LogTestBase {

    static Stream<Compression> codecs() {
        return Stream.of(Compression.NONE, Compression.gzip().build(), Compression.snappy().build(),
                Compression.lz4().build(), Compression.zstd().build());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void appendedBatchesReadBackByteForByteWithAssignedOffsets(Compression compression) throws Exception {
        Log log = open();
        log.append(batch(compression, NOW, NOW + 1, NOW + 2), 3);
        ByteBuffer second = batch(compression, NOW + 3, NOW + 4);
        Log.AppendResult result = log.append(second, 3);

        assertEquals(3, result.firstOffset());
        assertEquals(4, result.lastOffset());
        assertEquals(2, result.recordCount());
        assertEquals(-1, result.logAppendTimeMs());
        assertFalse(result.duplicate());
        assertEquals(5, log.logEndOffset());
        Log.ReadResult read = log.read(3, Integer.MAX_VALUE, Long.MAX_VALUE, false);
        assertEquals(second.remaining(), read.size());
        byte[] expected = new byte[second.remaining()];
        second.duplicate().get(expected);
        byte[] stored = new byte[read.size()];
        Batches.bytes(read).get(stored);
        assertArrayEquals(expected, stored);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
        MutableRecordBatch stored0 = batchesOf(read).get(0);
        assertEquals(3, stored0.partitionLeaderEpoch());
        assertEquals("v1", valueOf(stored0, 1));
    }

    @Test
    void readCountsTheRecordsOfTheBatchesItReturns() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW + 1, NOW + 2), 0);
        log.append(batch(Compression.zstd().build(), NOW + 3, NOW + 4), 0);

        assertEquals(5, log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false).records());
        assertEquals(2, log.read(3, Integer.MAX_VALUE, Long.MAX_VALUE, false).records());
        assertEquals(3, log.read(0, Integer.MAX_VALUE, 3, false).records(), "bounded by the high watermark");
        assertEquals(0, log.read(5, Integer.MAX_VALUE, Long.MAX_VALUE, false).records());
    }

    /**
     * Reads that skip ahead through the offset index end exactly where a walk over every batch header would:
     * batches of random sizes and record counts, indexed every few batches, read at random offsets with
     * random byte limits and high watermarks.
     */
    @Test
    void readsThroughTheIndexEndWhereAWalkOverEveryBatchWould() throws Exception {
        Log log = open(config().indexIntervalBytes(2000).build());
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> batches = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < 400; i++) {
            long[] timestamps = new long[1 + random.nextInt(5)];
            Arrays.fill(timestamps, NOW);
            ByteBuffer batch = random.nextInt(4) == 0 ? sized(NOW, random.nextInt(3000))
                    : batch(Compression.NONE, timestamps);
            Log.AppendResult appended = log.append(batch, 0);
            batches.add(new long[] {appended.firstOffset(), appended.lastOffset(), position, batch.remaining()});
            position += batch.remaining();
        }
        long end = log.logEndOffset();
        for (int i = 0; i < 2000; i++) {
            long start = random.nextLong(end);
            int maxBytes = random.nextInt(40_000);
            long maxOffset = random.nextInt(4) == 0 ? end : start + random.nextLong(end - start + 1);
            boolean minOneBatch = random.nextBoolean();
            Log.ReadResult read = log.read(start, maxBytes, maxOffset, minOneBatch);

            int first = 0;
            while (batches.get(first)[1] < start) {
                first++;
            }
            long size = 0;
            long records = 0;
            long tail = 0;
            for (int b = first; b < batches.size(); b++) {
                long[] batch = batches.get(b);
                if (batch[1] >= maxOffset) {
                    break;
                }
                if (size + batch[3] > maxBytes && !(minOneBatch && size == 0)) {
                    tail = size == 0 ? 0 : Math.max(0, maxBytes - size);
                    break;
                }
                size += batch[3];
                records += batch[1] - batch[0] + 1;
            }
            String read0 = "read(" + start + ", " + maxBytes + ", " + maxOffset + ", " + minOneBatch + ")";
            assertEquals(batches.get(first)[2], read.position(), read0);
            assertEquals(size, read.size(), read0);
            assertEquals(records, read.records(), read0);
            assertEquals(tail, read.tail(), read0);
        }
    }

    private static String valueOf(MutableRecordBatch batch, int index) {
        int i = 0;
        for (Record record : batch) {
            if (i++ == index) {
                return StandardCharsets.UTF_8.decode(record.value()).toString();
            }
        }
        throw new AssertionError("no record " + index);
    }

    @Test
    void offsetsAreAssignedInPlaceAndCrcStaysValid() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW), 0);
        ByteBuffer request = Batches.concat(batch(Compression.NONE, NOW, NOW), batch(Compression.lz4().build(), NOW));

        log.append(request, 7);

        List<MutableRecordBatch> inRequest = new ArrayList<>();
        MemoryRecords.readableRecords(request.duplicate()).batches()
                .forEach(inRequest::add);
        assertEquals(1, inRequest.get(0).baseOffset());
        assertEquals(3, inRequest.get(1).baseOffset());
        for (MutableRecordBatch b : inRequest) {
            assertEquals(7, b.partitionLeaderEpoch());
            assertTrue(b.isValid());
        }
    }

    @Test
    void logAppendTimeStampsBatchesAndResealsCrc() throws Exception {
        Log log = open(config().logAppendTime(true).build());
        clock.advance(5);

        Log.AppendResult result = log.append(batch(Compression.zstd().build(), 1L, 2L), 0);

        assertEquals(NOW + 5, result.logAppendTimeMs());
        MutableRecordBatch stored = batchesOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false)).get(0);
        stored.ensureValid();
        assertEquals(TimestampType.LOG_APPEND_TIME, stored.timestampType());
        assertEquals(NOW + 5, stored.maxTimestamp());
    }

    @Test
    void readFromMidBatchOffsetStartsAtTheContainingBatch() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW, NOW), 0);
        log.append(batch(Compression.NONE, NOW, NOW), 0);

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
        assertEquals(List.of(3L, 4L), offsetsOf(log.read(4, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
    }

    @Test
    void readStopsAtMaxBytesOnWholeBatches() throws Exception {
        Log log = open();
        int size = appendThreeEqualBatches(log);

        assertEquals(2 * size, log.read(0, 2 * size + size / 2, Long.MAX_VALUE, false).size());
        assertEquals(0, log.read(0, size - 1, Long.MAX_VALUE, false).size());
        assertEquals(size, log.read(0, size - 1, Long.MAX_VALUE, true).size());
        assertEquals(size, log.read(1, 0, Long.MAX_VALUE, true).size());
    }

    @Test
    void theRestOfTheByteLimitIsATailOnlyBehindAWholeBatchThatTheLimitCutShort() throws Exception {
        Log log = open();
        int size = appendThreeEqualBatches(log);

        Log.ReadResult cut = log.read(0, 2 * size + 10, Long.MAX_VALUE, false);
        assertEquals(2 * size, cut.size());
        assertEquals(10, cut.tail(), "the first 10 bytes of the third batch");
        assertEquals(0, log.read(0, size - 1, Long.MAX_VALUE, false).tail(), "no whole batch before it");
        assertEquals(0, log.read(0, size - 1, Long.MAX_VALUE, true).tail(), "the first batch overran the limit");
        assertEquals(0, log.read(0, 3 * size + 10, Long.MAX_VALUE, false).tail(), "the log ended first");
        assertEquals(0, log.read(0, 2 * size + 10, 2, false).tail(), "the high watermark ended the read");
    }

    /** Appends three one-record batches of the same size; returns that size. */
    private static int appendThreeEqualBatches(Log log) {
        int size = 0;
        for (int i = 0; i < 3; i++) {
            ByteBuffer batch = sized(NOW, 100);
            size = batch.remaining();
            log.append(batch, 0);
        }
        return size;
    }

    @Test
    void readNeverIncludesABatchReachingMaxOffset() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW), 0);
        log.append(batch(Compression.NONE, NOW, NOW), 0);

        assertEquals(List.of(0L, 1L), offsetsOf(log.read(0, Integer.MAX_VALUE, 3, true)));
        assertEquals(0, log.read(0, Integer.MAX_VALUE, 1, true).size());
        assertEquals(List.of(0L, 1L, 2L, 3L), offsetsOf(log.read(0, Integer.MAX_VALUE, 4, true)));
    }

    @Test
    void readAtLogEndIsEmptyAndBeyondItIsOutOfRange() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW), 0);

        assertEquals(0, log.read(2, 1000, Long.MAX_VALUE, true).size());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(3, 1000, Long.MAX_VALUE, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 1000, Long.MAX_VALUE, true));
    }

    @Test
    void readsSpanSegmentsOneSegmentAtATime() throws Exception {
        int batchSize = sized(NOW, 200).remaining();
        Log log = open(config().segmentBytes(batchSize * 2).build());
        LongStream.range(0, 5).forEach(i -> log.append(sized(NOW, 200), 0));

        assertEquals(3, log.segmentCount());
        assertEquals(2 * batchSize, log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false).size());
        assertEquals(List.of(2L, 3L), offsetsOf(log.read(2, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
        assertEquals(List.of(4L), offsetsOf(log.read(4, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
        assertEquals(5L * batchSize, log.sizeInBytes());
    }

    @Test
    void leaderEpochCacheAnswersEndOffsets() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW), 1);
        log.append(batch(Compression.NONE, NOW), 1);
        log.append(batch(Compression.NONE, NOW, NOW), 3);

        assertEquals(new Log.EpochEndOffset(1, 3), log.endOffsetForEpoch(1));
        assertEquals(new Log.EpochEndOffset(1, 3), log.endOffsetForEpoch(2));
        assertEquals(new Log.EpochEndOffset(3, 5), log.endOffsetForEpoch(3));
        assertEquals(new Log.EpochEndOffset(-1, -1), log.endOffsetForEpoch(4));
        log.close();
        Log reopened = open();
        assertEquals(new Log.EpochEndOffset(1, 3), reopened.endOffsetForEpoch(2));
    }

    /**
     * A new leader epoch that cannot be checkpointed (the disk refuses the file) fails the append before any
     * batch is stored, so the retry gets the same offsets and the log holds each offset once.
     */
    @Test
    void anAppendWhoseEpochCannotBeCheckpointedStoresNothing() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW), 0);
        Path checkpoint = dir().resolve(LeaderEpochCache.FILE_NAME);
        Files.delete(checkpoint);
        Path blocker = Files.createDirectories(checkpoint.resolve("blocker"));

        assertThrows(LogIOException.class, () -> log.append(batch(Compression.NONE, NOW, NOW), 1));
        assertEquals(1, log.logEndOffset());
        Files.delete(blocker);
        Files.delete(checkpoint);
        Log.AppendResult retried = log.append(batch(Compression.NONE, NOW, NOW), 1);

        assertEquals(1, retried.firstOffset());
        assertEquals(List.of(0L, 1L, 2L), offsetsOf(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false)));
        assertEquals(new Log.EpochEndOffset(0, 1), log.endOffsetForEpoch(0));
        log.close();
        assertEquals(new Log.EpochEndOffset(0, 1), open().endOffsetForEpoch(0), "epoch 1 was checkpointed on retry");
    }

    @Test
    void closedLogRejectsAppendsAndFailsReadsWithLogIOException() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW), 0);
        log.close();

        assertThrows(StorageException.class, () -> log.append(batch(Compression.NONE, NOW), 0));
        assertThrows(LogIOException.class, () -> log.read(0, 1000, Long.MAX_VALUE, true));
    }
}
