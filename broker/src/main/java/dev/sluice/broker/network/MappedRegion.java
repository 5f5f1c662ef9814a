package dev.sluice.broker.network;

import dev.sluice.storage.SegmentMapping;
import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Stored batches written to the socket from their segment's mapping instead of with sendfile, for a client on
 * this machine. It holds a reference to the mapping until Netty releases it, written or not, so the memory it
 * writes from stays mapped for as long as it can be written.
 */
final class MappedRegion extends AbstractReferenceCounted implements FileRegion {
    private final SegmentMapping mapping;
    private final long position;
    private final ByteBuffer bytes;

    /** Takes over the caller's reference to {@code mapping}. */
    MappedRegion(SegmentMapping mapping, long position, int count) {
        this.mapping = mapping;
        this.position = position;
        this.bytes = mapping.view(position, count);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long count() {
        return bytes.capacity();
    }

    @Override
    public long transferred() {
        return bytes.position();
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred();
    }

    /** Writes on from where the last write stopped; {@code position} is always {@link #transferred()} here. */
    @Override
    public long transferTo(WritableByteChannel target, long position) throws IOException {
        return target.write(bytes);
    }

    @Override
    protected void deallocate() {
        mapping.release();
    }

    @Override
    public MappedRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public MappedRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public MappedRegion touch() {
        return this;
    }

    @Override
    public MappedRegion touch(Object hint) {
        return this;
    }
}
