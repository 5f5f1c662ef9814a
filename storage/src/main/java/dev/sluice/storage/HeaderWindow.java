package dev.sluice.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads batch headers of a segment file through a window of up to {@link #WINDOW_BYTES}, so that walking many
 * small batches (to find batch boundaries for a read) costs one positional read per window rather than one
 * per batch. Only positions below the limit given at creation are read. One instance per scan; not
 * thread-safe. Closing it hands its buffer back to the thread for the next scan, so a fetch allocates nothing.
 */
final class HeaderWindow implements AutoCloseable {
    static final int WINDOW_BYTES = 16 * 1024;
    /** One spare direct buffer per thread: reads into it skip the JDK's copy from a temporary direct buffer. */
    private static final ThreadLocal<ByteBuffer> SPARE = new ThreadLocal<>();

    private final FileChannel channel;
    private final int limit;
    private final ByteBuffer window;
    private final RecordBatchView view = new RecordBatchView();
    private int windowStart;
    private int windowEnd;

    HeaderWindow(FileChannel channel, int limit) {
        this.channel = channel;
        this.limit = limit;
        ByteBuffer spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null);
            this.window = spare;
        } else {
            this.window = ByteBuffer.allocateDirect(WINDOW_BYTES);
        }
    }

    @Override
    public void close() {
        SPARE.set(window);
    }

    int limit() {
        return limit;
    }

    /** The header of the batch starting at {@code position}, which must hold a whole published batch. */
    RecordBatchView at(int position) throws IOException {
        if (position + RecordBatchView.HEADER_SIZE > limit) {
            throw new DamagedSegmentException("batch header at " + position + " runs past the segment's end " + limit);
        }
        if (position < windowStart || position + RecordBatchView.HEADER_SIZE > windowEnd) {
            window.clear().limit(Math.min(WINDOW_BYTES, limit - position));
            readFully(channel, window, position);
            windowStart = position;
            windowEnd = position + window.limit();
        }
        view.wrap(window, position - windowStart);
        int size = view.sizeInBytes();
        if (size < RecordBatchView.HEADER_SIZE || position + (long) size > limit) {
            // A damaged length would otherwise stall or derail every scan that steps by it.
            throw new DamagedSegmentException("batch at " + position + " has a damaged length of " + size + " bytes");
        }
        return view;
    }

    /** Fills {@code target} from {@code position}; a file shorter than expected is an error. */
    static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new EOFException("unexpected end of segment file at " + at);
            }
            at += read;
        }
    }
}
