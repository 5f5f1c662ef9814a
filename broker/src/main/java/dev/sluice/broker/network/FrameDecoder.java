package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits a connection's bytes into request frames at their 4-byte length prefix. A frame is gathered in one
 * buffer sized for it ({@link FrameCumulator}), and once that buffer exists the socket reads the rest of the
 * frame straight into it ({@link #readTarget}, used by {@link FrameReadAllocator}): the bytes of a large
 * produce request are then copied once, by the kernel, and not again from a read buffer into the frame.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Kafka's frames start with a 4-byte size field. */
    static final int LENGTH_BYTES = 4;
    private static final FrameCumulator CUMULATOR = new FrameCumulator();

    /** {@code maxRequestBytes} limits the size field's value, as Kafka's {@code socket.request.max.bytes} does. */
    FrameDecoder(int maxRequestBytes) {
        // Netty's limit counts the size field too.
        super((int) Math.min(Integer.MAX_VALUE, (long) maxRequestBytes + LENGTH_BYTES), 0, LENGTH_BYTES, 0,
                LENGTH_BYTES, true);
        setCumulator(CUMULATOR);
    }

    /**
     * The free room after the partial frame held, as a buffer for the next socket read, or null when there is
     * no partial frame or its buffer has not been sized to hold it yet. Bytes read into it are already in place
     * when they reach {@link FrameCumulator#cumulate}, which only advances the frame's end over them.
     */
    ByteBuf readTarget() {
        ByteBuf held = internalBuffer();
        if (held.readableBytes() < LENGTH_BYTES || !held.isWritable() || !held.hasMemoryAddress()
                || held.isReadOnly()) {
            return null;
        }
        long frameEnd = held.readerIndex() + LENGTH_BYTES + held.getUnsignedInt(held.readerIndex());
        if (frameEnd > held.capacity()) {
            return null;
        }
        return held.retainedSlice(held.writerIndex(), held.writableBytes()).clear();
    }
}
