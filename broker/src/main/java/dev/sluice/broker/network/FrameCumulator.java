package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Gathers socket reads into whole request frames, copying each byte at most once. Netty's default cumulator grows
 * its buffer by doubling, so a 1 MiB produce request arriving in 64 KiB reads is copied about twice over;
 * this one reads the frame's length prefix and sizes the buffer for the whole frame, plus room for one more
 * read, which usually carries the start of the next frame. Once that buffer exists the socket reads into its
 * room ({@link FrameDecoder#readTarget}), and what arrives that way is not copied here at all.
 *
 * <p>The room for that read is cut short where it would take a frame that fits {@link #ADAPTIVE_POOL_LIMIT}
 * beyond it: Netty's adaptive allocator does not pool larger buffers but gives each one a fresh chunk that
 * the JDK zeroes, which cost about 6 % of the broker's CPU under 1 MB produce batches. Copying a frame
 * again when its last read does not fit costs less.
 */
final class FrameCumulator implements ByteToMessageDecoder.Cumulator {
    /** Netty's largest socket read; a read that crosses into the next frame still fits. */
    static final int READ_SLACK = 64 * 1024;
    /** Sizing ahead for a declared length is bounded, so a client cannot make the broker reserve memory early. */
    static final int MAX_AHEAD = 8 * 1024 * 1024;
    /** The largest buffer Netty's adaptive allocator takes from its pools, outside its low-memory mode. */
    static final int ADAPTIVE_POOL_LIMIT = 1024 * 1024;

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (readInPlace(cumulation, in)) {
            cumulation.writerIndex(cumulation.writerIndex() + in.readableBytes());
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable() && in.isContiguous()) {
            cumulation.release();
            return in;
        }
        try {
            int incoming = in.readableBytes();
            if (!cumulation.isReadOnly() && incoming <= cumulation.maxFastWritableBytes()) {
                cumulation.writeBytes(in, in.readerIndex(), incoming);
                return cumulation;
            }
            int held = cumulation.readableBytes();
            ByteBuf grown = alloc.buffer(capacityFor(cumulation, in, held + incoming));
            grown.writeBytes(cumulation, cumulation.readerIndex(), held);
            grown.writeBytes(in, in.readerIndex(), incoming);
            cumulation.release();
            return grown;
        } finally {
            in.release();
        }
    }

    /** Whether {@code in} is memory that directly follows what {@code cumulation} holds, as a read into its room is. */
    static boolean readInPlace(ByteBuf cumulation, ByteBuf in) {
        return in.hasMemoryAddress() && cumulation.hasMemoryAddress()
                && in.readableBytes() <= cumulation.writableBytes()
                && in.memoryAddress() + in.readerIndex() == cumulation.memoryAddress() + cumulation.writerIndex();
    }

    /**
     * Room for the first frame's declared end and one more read when its length is readable (the read only as
     * far as {@link #ADAPTIVE_POOL_LIMIT} if the frame fits that), at least {@code needed}, and at most
     * {@link #MAX_AHEAD} (or double) beyond what has arrived.
     */
    static int capacityFor(ByteBuf cumulation, ByteBuf in, int needed) {
        if (needed < FrameDecoder.LENGTH_BYTES) {
            return needed;
        }
        long frame = (long) declaredLength(cumulation, in) + FrameDecoder.LENGTH_BYTES;
        long frameEnd = frame + READ_SLACK;
        if (frame <= ADAPTIVE_POOL_LIMIT) {
            frameEnd = Math.min(frameEnd, ADAPTIVE_POOL_LIMIT);
        }
        long ahead = Math.max(needed + (long) MAX_AHEAD, 2L * needed);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(needed, Math.min(frameEnd, ahead)));
    }

    /**
     * The length prefix of the first frame, which may be split between the two buffers; negative lengths count
     * as 0.
     */
    private static int declaredLength(ByteBuf cumulation, ByteBuf in) {
        int value = 0;
        for (int i = 0; i < FrameDecoder.LENGTH_BYTES; i++) {
            int held = cumulation.readableBytes();
            byte b = i < held ? cumulation.getByte(cumulation.readerIndex() + i)
                    : in.getByte(in.readerIndex() + i - held);
            value = (value << 8) | (b & 0xff);
        }
        return Math.max(0, value);
    }
}
