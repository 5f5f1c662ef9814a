package dev.sluice.broker.network;

import io.netty.channel.DefaultFileRegion;

import java.nio.channels.FileChannel;

/**
 * A sendfile region over a segment file that stays open after the transfer: segments are shared by every
 * reader and closed by the log that owns them, so releasing the region must not close the channel.
 */
final class SegmentFileRegion extends DefaultFileRegion {
    SegmentFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // The channel belongs to the segment; see class comment.
    }
}
