package dev.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;

class ConcurrentReadTest extends LogTestBase {

    @Test
    void concurrentReaderNeverSeesAPartialBatch() throws Exception {
        Log log = open(config().segmentBytes(64 * 1024).indexIntervalBytes(512).build());
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    long end = log.logEndOffset();
                    long start = ThreadLocalRandom.current().nextLong(0, end + 1);
                    checkWholeBatches(log.read(start, 16 * 1024, Long.MAX_VALUE, true), start, end);
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 3000 && failure.get() == null; i++) {
            int records = 1 + i % 7;
            long[] timestamps = new long[records];
            Arrays.fill(timestamps, NOW);
            Compression compression = i % 3 == 0 ? Compression.lz4().build() : Compression.NONE;
            log.append(Batches.batch(compression, timestamps), 0);
        }
        done.set(true);
        reader.join();

        assertNull(failure.get(), () -> "reader failed: " + failure.get());
        assertTrue(reads.get() > 0);
        assertTrue(log.segmentCount() > 1);
    }

    private static void checkWholeBatches(Log.ReadResult result, long start, long end) throws Exception {
        if (result.size() == 0) {
            assertEquals(end, start, "nothing read below the log end");
            return;
        }
        ByteBuffer bytes = Batches.bytes(result);
        int total = 0;
        int records = 0;
        long expectedBase = -1;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
            batch.ensureValid();
            if (expectedBase >= 0) {
                assertEquals(expectedBase, batch.baseOffset());
            } else {
                assertTrue(batch.baseOffset() <= start && batch.lastOffset() >= start);
            }
            expectedBase = batch.lastOffset() + 1;
            total += batch.sizeInBytes();
            records += batch.countOrNull();
        }
        assertEquals(result.size(), total);
        assertEquals(records, result.records());
    }
}
