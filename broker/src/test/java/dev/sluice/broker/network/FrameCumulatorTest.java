package dev.sluice.broker.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCumulatorTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private final FrameCumulator cumulator = new FrameCumulator();

    @Test
    void sizesTheBufferForTheWholeFrameOnceItsLengthIsKnown() {
        byte[] frame = frame(1 << 20, 1);
        List<ByteBuf> chunks = chunks(frame, 64 * 1024);
        ByteBuf cumulation = cumulator.cumulate(ALLOC, Unpooled.EMPTY_BUFFER, chunks.get(0));
        cumulation = cumulator.cumulate(ALLOC, cumulation, chunks.get(1));
        assertTrue(cumulation.capacity() >= frame.length, "capacity " + cumulation.capacity());
        ByteBuf sized = cumulation;
        for (ByteBuf chunk : chunks.subList(2, chunks.size())) {
            cumulation = cumulator.cumulate(ALLOC, cumulation, chunk);
            assertSame(sized, cumulation, "no copy after the frame's buffer exists");
        }
        assertArrayEquals(frame, readAll(cumulation));
        assertTrue(chunks.stream().allMatch(chunk -> chunk.refCnt() == 0), "every read buffer released");
    }

    @Test
    void keepsAFrameThatFitsTheAdaptivePoolWithinIt() {
        byte[] frame = frame(1_000_000, 3);
        ByteBuf cumulation = cumulator.cumulate(ALLOC, Unpooled.EMPTY_BUFFER, Unpooled.wrappedBuffer(frame, 0, 1000));
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(frame, 1000, 1000));
        assertEquals(FrameCumulator.ADAPTIVE_POOL_LIMIT, cumulation.capacity());
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(frame, 2000, frame.length - 2000));
        assertArrayEquals(frame, readAll(cumulation));

        byte[] larger = frame(FrameCumulator.ADAPTIVE_POOL_LIMIT, 4);
        cumulation = cumulator.cumulate(ALLOC, Unpooled.EMPTY_BUFFER, Unpooled.wrappedBuffer(larger, 0, 1000));
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(larger, 1000, 1000));
        assertEquals(larger.length + FrameCumulator.READ_SLACK, cumulation.capacity());
        cumulation.release();
    }

    @Test
    void readsALengthPrefixSplitAcrossReads() {
        byte[] frame = frame(300_000, 2);
        ByteBuf cumulation = cumulator.cumulate(ALLOC, Unpooled.EMPTY_BUFFER, Unpooled.wrappedBuffer(frame, 0, 2));
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(frame, 2, 1000));
        assertTrue(cumulation.capacity() >= frame.length, "capacity " + cumulation.capacity());
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(frame, 1002, frame.length - 1002));
        assertArrayEquals(frame, readAll(cumulation));
    }

    @Test
    void doesNotReserveMemoryForAHugeDeclaredLength() {
        ByteBuf header = Unpooled.buffer(8).writeInt(Integer.MAX_VALUE).writeInt(7);
        ByteBuf cumulation = cumulator.cumulate(ALLOC, Unpooled.EMPTY_BUFFER, header);
        cumulation = cumulator.cumulate(ALLOC, cumulation, Unpooled.wrappedBuffer(new byte[100]));
        assertTrue(cumulation.capacity() <= 108 + FrameCumulator.MAX_AHEAD, "capacity " + cumulation.capacity());
        cumulation.release();
    }

    @Test
    void deliversEveryFrameOfAStreamCutAtRandom() {
        Random random = new Random(42);
        List<byte[]> frames = new ArrayList<>();
        ByteBuf stream = Unpooled.buffer();
        for (int i = 0; i < 40; i++) {
            byte[] frame = frame(random.nextInt(200_000), i);
            frames.add(frame);
            stream.writeBytes(frame);
        }
        FrameDecoder decoder = new FrameDecoder(1 << 20);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        int inPlace = 0;
        while (stream.isReadable()) {
            // Like a socket read: into the frame's room when the decoder offers it (half the time, so that
            // both kinds of read meet every state), else into a buffer of its own.
            ByteBuf target = decoder.readTarget();
            if (target != null && random.nextBoolean()) {
                inPlace++;
            } else {
                if (target != null) {
                    target.release();
                }
                target = ALLOC.buffer(70_000);
            }
            int size = Math.min(Math.min(stream.readableBytes(), target.writableBytes()), 1 + random.nextInt(70_000));
            channel.writeInbound(target.writeBytes(stream, size));
        }
        assertTrue(inPlace > 10, "reads into the frame's room: " + inPlace);
        for (byte[] frame : frames) {
            ByteBuf received = channel.readInbound();
            byte[] body = new byte[frame.length - 4];
            System.arraycopy(frame, 4, body, 0, body.length);
            assertArrayEquals(body, readAll(received));
        }
        assertNull(channel.readInbound());
        assertEquals(false, channel.finish());
    }

    @Test
    void readsTheRestOfALargeFrameIntoItsBufferWithoutCopying() {
        FrameDecoder decoder = new FrameDecoder(8 << 20);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        byte[] frame = frame(3 << 20, 5);
        assertNull(decoder.readTarget(), "no frame begun");
        channel.writeInbound(ALLOC.buffer(1000).writeBytes(frame, 0, 1000));
        assertNull(decoder.readTarget(), "the frame's buffer is not sized yet");
        channel.writeInbound(ALLOC.buffer(1000).writeBytes(frame, 1000, 1000));

        int at = 2000;
        ByteBuf target = decoder.readTarget();
        long frameStart = target.memoryAddress() - at;
        while (at < frame.length) {
            assertEquals(frameStart + at, target.memoryAddress(), "the room directly follows the bytes held");
            int size = Math.min(64 * 1024, frame.length - at);
            channel.writeInbound(target.writeBytes(frame, at, size));
            at += size;
            target = at < frame.length ? decoder.readTarget() : null;
        }
        byte[] body = new byte[frame.length - 4];
        System.arraycopy(frame, 4, body, 0, body.length);
        assertArrayEquals(body, readAll(channel.readInbound()));
        assertNull(decoder.readTarget(), "nothing held after the frame");
        assertEquals(false, channel.finish());
    }

    @Test
    void tellsAReadIntoTheRoomFromOtherBytes() {
        ByteBuf held = ALLOC.directBuffer(1024).writeBytes(new byte[100]);
        ByteBuf room = held.retainedSlice(held.writerIndex(), held.writableBytes()).clear().writeBytes(new byte[10]);
        ByteBuf elsewhere = ALLOC.directBuffer(1024).writeBytes(new byte[10]);
        ByteBuf tooFar = held.retainedSlice(held.writerIndex() + 1, 100).clear().writeBytes(new byte[10]);
        assertTrue(FrameCumulator.readInPlace(held, room));
        assertFalse(FrameCumulator.readInPlace(held, elsewhere));
        assertFalse(FrameCumulator.readInPlace(held, tooFar));
        for (ByteBuf buffer : List.of(held, room, elsewhere, tooFar)) {
            buffer.release();
        }
    }

    /** A frame: 4-byte length, then {@code bodyLength} bytes derived from {@code seed}. */
    private static byte[] frame(int bodyLength, int seed) {
        byte[] frame = new byte[4 + bodyLength];
        Unpooled.wrappedBuffer(frame).setInt(0, bodyLength);
        for (int i = 4; i < frame.length; i++) {
            frame[i] = (byte) (i * 31 + seed);
        }
        return frame;
    }

    private static List<ByteBuf> chunks(byte[] bytes, int size) {
        List<ByteBuf> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            chunks.add(ALLOC.buffer(size).writeBytes(bytes, at, Math.min(size, bytes.length - at)));
        }
        return chunks;
    }

    private static byte[] readAll(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        buffer.release();
        return bytes;
    }
}
