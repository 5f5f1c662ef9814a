package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Writable} that serialises a response into pooled {@link ByteBuf}s and splices stored record
 * batches in as {@link SegmentFileRegion}s, so fetched bytes go from segment file to socket without a copy.
 *
 * <p>The caller sizes the first buffer from the message's size excluding zero-copy bytes; each file slice
 * ends the current buffer and starts a new one for whatever follows. Not thread-safe: one response at a time.
 */
final class ByteBufWritable implements Writable {
    private final ByteBufAllocator allocator;
    private final List<Object> parts = new ArrayList<>(2);
    private final int copiedBytes;
    private int copiedSoFar;
    private ByteBuf current;

    /** @param copiedBytes the exact number of bytes that will be copied (everything but file slices) */
    ByteBufWritable(ByteBufAllocator allocator, int copiedBytes) {
        this.allocator = allocator;
        this.copiedBytes = copiedBytes;
        this.current = allocator.buffer(copiedBytes);
    }

    ByteBuf current() {
        return current;
    }

    /** The buffers and file regions to write, in order. Ownership passes to the caller. */
    List<Object> finish() {
        if (current.isReadable() || parts.isEmpty()) {
            parts.add(current);
        } else {
            current.release();
        }
        current = null;
        return parts;
    }

    /** Releases everything produced so far, for a serialisation that failed half way. */
    void discard() {
        for (Object part : parts) {
            io.netty.util.ReferenceCountUtil.release(part);
        }
        parts.clear();
        if (current != null) {
            current.release();
            current = null;
        }
    }

    @Override
    public void writeByte(byte val) {
        current.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        current.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        current.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        current.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        current.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        current.writeBytes(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        while ((i & 0xFFFFFF80) != 0) {
            current.writeByte((i & 0x7F) | 0x80);
            i >>>= 7;
        }
        current.writeByte(i);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        current.writeBytes(buf.duplicate());
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & 0xFFFFFFFFFFFFFF80L) != 0L) {
            current.writeByte(((int) z & 0x7F) | 0x80);
            z >>>= 7;
        }
        current.writeByte((int) z);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records instanceof SegmentSlice slice) {
            copiedSoFar += current.readableBytes();
            parts.add(current);
            parts.add(new SegmentFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()));
            current = allocator.buffer(Math.max(0, copiedBytes - copiedSoFar));
        } else if (records instanceof MemoryRecords memory) {
            current.writeBytes(memory.buffer().duplicate());
        } else {
            throw new IllegalArgumentException("unsupported records type " + records.getClass().getName());
        }
    }
}
