package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

    /** Netty's epoll transport asks for an {@link ExtendedHandle}, which {@link DelegatingHandle} is not. */
    private final class FrameReadHandle extends DelegatingHandle implements ExtendedHandle {
        FrameReadHandle(ExtendedHandle sized) {
            super(sized);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf target = frames.readTarget();
            return target != null ? target : super.allocate(alloc);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
        }
    }
}
