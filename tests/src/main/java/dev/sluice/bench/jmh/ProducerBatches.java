package dev.sluice.bench.jmh;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Record batches (format v2) as a Kafka producer sends them: a key and a value per record, values of
 * text-like words and numbers drawn at random, so that compression has realistic work (lz4 leaves about
 * two thirds of a batch, far from the best case of a repeated byte). Built with the Kafka
 * client's own batch builder, copied into direct buffers because produce frames arrive in pooled direct
 * buffers.
 */
final class ProducerBatches {
    static final int RECORDS_PER_BATCH = 100;
    static final long PRODUCER_ID = 4_242L;
    static final short PRODUCER_EPOCH = 0;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int BASE_SEQUENCE_OFFSET = 53;
    private static final String[] WORDS = {
        "order", "user", "id", "amount", "currency", "EUR", "status", "created", "shipped", "pending",
        "customer", "region", "north", "south", "east", "west", "sku", "quantity", "price", "total",
        "\"", ":", ",", "{", "}", "true", "false", "null", "2026", "11", "session", "click",
    };

    private ProducerBatches() {
    }

    /** Compression by the name producers use in {@code compression.type}. */
    static Compression compression(String name) {
        return Compression.of(name).build();
    }

    /**
     * One batch of {@link #RECORDS_PER_BATCH} records with {@code valueBytes}-byte values, from an
     * idempotent producer ({@code baseSequence} >= 0) or a plain one ({@code baseSequence} < 0).
     */
    static ByteBuffer batch(int valueBytes, Compression compression, int baseSequence, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean idempotent = baseSequence >= 0;
        ByteBuffer out = ByteBuffer.allocate(RECORDS_PER_BATCH * (valueBytes + 64) + 1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(out, compression, 0L,
                idempotent ? PRODUCER_ID : RecordBatch.NO_PRODUCER_ID,
                idempotent ? PRODUCER_EPOCH : RecordBatch.NO_PRODUCER_EPOCH,
                idempotent ? baseSequence : RecordBatch.NO_SEQUENCE, false);
        long now = System.currentTimeMillis();
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            byte[] key = ("key-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
            builder.append(now, key, value(valueBytes, random));
        }
        ByteBuffer built = builder.build().buffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(built.remaining());
        direct.put(built).flip();
        return direct;
    }

    /** Rewrites the base sequence of an idempotent batch and its CRC, as the next batch of the producer. */
    static void setBaseSequence(ByteBuffer batch, int baseSequence, CRC32C crc) {
        batch.putInt(BASE_SEQUENCE_OFFSET, baseSequence);
        crc.reset();
        crc.update(batch.duplicate().position(ATTRIBUTES_OFFSET));
        batch.putInt(CRC_OFFSET, (int) crc.getValue());
    }

    /** The sequence after a batch of {@code count} records, wrapping past Integer.MAX_VALUE to 0 as producers do. */
    static int nextSequence(int baseSequence, int count) {
        return baseSequence > Integer.MAX_VALUE - count ? count - (Integer.MAX_VALUE - baseSequence) - 1
                : baseSequence + count;
    }

    private static byte[] value(int size, SplittableRandom random) {
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10_000)).append(' ');
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
