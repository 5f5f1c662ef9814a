package dev.sluice.broker.network;

import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Whole record batches stored in a segment file, referenced by position and length. Fetch responses carry
 * it in place of {@code MemoryRecords}; {@link ByteBufWritable} turns it into a sendfile transfer.
 */
public record SegmentSlice(FileChannel channel, long position, int size) implements BaseRecords {
    @Override
    public int sizeInBytes() {
        return size;
    }

    @Override
    public RecordsSend<SegmentSlice> toSend() {
        return new RecordsSend<>(this, size) {
            @Override
            protected int writeTo(TransferableChannel out, int previouslyWritten, int remaining) throws IOException {
                return (int) out.transferFrom(channel, position + previouslyWritten, remaining);
            }
        };
    }
}
