package dev.sluice.broker.network;

import dev.sluice.storage.Log;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Record batches stored in a segment file, referenced by position and length; the last may be incomplete
 * (see {@link Log.ReadResult#tail()}). Fetch responses carry it in place of {@code MemoryRecords};
 * {@link ByteBufWritable} turns it into a sendfile transfer.
 */
public record SegmentSlice(FileChannel channel, long position, int size) implements BaseRecords {
    /** What a fetch sends of a read: its whole batches, then the tail that fills the byte limit. */
    public static SegmentSlice of(Log.ReadResult read) {
        return new SegmentSlice(read.channel(), read.position(), read.size() + read.tail());
    }

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
