package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * A connection's socket reads: into the room of the frame being gathered when {@link FrameDecoder} offers it,
 * otherwise into a buffer of the size Netty's own allocator guesses. How much is read and when reading stops
 * stay Netty's.
 */
final class FrameReadAllocator implements RecvByteBufAllocator {
    private final FrameDecoder frames;
    private final RecvByteBufAllocator sizing;

    FrameReadAllocator(FrameDecoder frames, RecvByteBufAllocator sizing) {
        this.frames = frames;
        this.sizing = sizing;
    }

    @Override
    public Handle newHandle() {
        return new FrameReadHandle((ExtendedHandle) sizing.newHandle());
    }

    private final class FrameReadHandle implements ExtendedHandle {
        private final ExtendedHandle sized;

        FrameReadHandle(ExtendedHandle sized) {
            this.sized = sized;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf target = frames.readTarget();
            return target != null ? target : sized.allocate(alloc);
        }

        @Override
        public int guess() {
            return sized.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            sized.reset(config);
        }

        @Override
        public void incMessagesRead(int messages) {
            sized.incMessagesRead(messages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            sized.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return sized.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            sized.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return sized.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return sized.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return sized.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            sized.readComplete();
        }
    }
}
