package dev.sluice.storage;

import dev.sluice.storage.codec.CompressedRecords;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.SnappyError;

/**
 * The records of a compressed v2 batch, walked as they stream out of the decompressor, so a batch is never
 * held decompressed. Reused across batches by one appender, or made per timestamp lookup; not thread-safe.
 */
final class DecompressedRecords extends RecordWalk {
    private static final int NOTHING_PEEKED = -2;

    private InputStream in;
    private long consumed;
    private int peeked = NOTHING_PEEKED;

    /**
     * Checks that the compressed records ({@code records}, position to limit) decompress to exactly {@code count}
     * well-formed records with offset deltas 0, 1, 2, ... Whatever fails is what the client sent: the CRC matched.
     */
    void validate(ByteBuffer records, int codec, int count) {
        walk(records, codec, () -> walkAll(count));
    }

    /** Hands the records of a stored compressed batch to {@code visitor} until it returns false. */
    void visit(ByteBuffer records, int codec, long baseOffset, long baseTimestamp, RecordVisitor visitor) {
        walk(records, codec, () -> visitAll(baseOffset, baseTimestamp, visitor));
    }

    private void walk(ByteBuffer records, int codec, Runnable walk) {
        consumed = 0;
        peeked = NOTHING_PEEKED;
        try (InputStream stream = CompressedRecords.open(records, codec)) {
            in = stream;
            walk.run();
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IOException | RuntimeException | SnappyError e) {
            // Decompressors report damaged input in their own ways: I/O, runtime exceptions, snappy-java errors.
            throw unreadable(e);
        } finally {
            in = null;
        }
    }

    @Override
    boolean hasMore() {
        if (peeked == NOTHING_PEEKED) {
            peeked = read();
        }
        return peeked >= 0;
    }

    @Override
    byte readByte() {
        int b = peeked == NOTHING_PEEKED ? read() : peeked;
        peeked = NOTHING_PEEKED;
        if (b < 0) {
            throw new InvalidRecordException("compressed records end inside a record");
        }
        consumed++;
        return (byte) b;
    }

    @Override
    void skip(int count) {
        try {
            in.skipNBytes(count);
        } catch (EOFException e) {
            throw new InvalidRecordException("compressed records end inside a record");
        } catch (IOException e) {
            throw unreadable(e);
        }
        consumed += count;
    }

    @Override
    long consumed() {
        return consumed;
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static InvalidRecordException unreadable(Throwable e) {
        return new InvalidRecordException("compressed records cannot be read: " + e);
    }
}
