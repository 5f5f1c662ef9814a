package dev.sluice.storage;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only mapping of a segment file from its start, longer than the file so that it also covers what is
 * appended later: bytes below the segment's published size can be sent from memory. Counted references: the
 * segment holds one while the mapping is its current one, and every response being written from it holds one
 * until its bytes are out; the last release unmaps it, so no write ever reads an address that is no longer mapped
 * (or is mapped to something else by then).
 */
public final class SegmentMapping {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMapping.class);
    /** Past the largest segment: sizes are ints. Address space only; pages are mapped as they are read. */
    static final long LENGTH = 1L << 31;
    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;

    private final CLibrary c;
    private final Pointer address;
    private final AtomicInteger references = new AtomicInteger(1);

    private SegmentMapping(CLibrary c, Pointer address) {
        this.c = c;
        this.address = address;
    }

    /** Maps {@code file}, or answers empty when the C library is not loaded (yet) or the mapping fails. */
    static Optional<SegmentMapping> map(Path file) {
        Optional<CLibrary> loaded = CLibrary.get();
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        CLibrary c = loaded.get();
        int fd = c.open(file, CLibrary.O_RDONLY);
        if (fd < 0) {
            return Optional.empty();
        }
        try {
            Pointer address = c.mmap.invokePointer(new Object[] {Pointer.NULL, LENGTH, PROT_READ, MAP_SHARED, fd, 0L});
            if (address == null || Pointer.nativeValue(address) == -1L) {
                LOG.warn("Cannot map {}: errno {}; fetches from it are sent with sendfile", file,
                        Native.getLastError());
                return Optional.empty();
            }
            return Optional.of(new SegmentMapping(c, address));
        } finally {
            c.close(fd);
        }
    }

    /** Takes one more reference; false once the mapping is gone, for a caller that raced with its last release. */
    boolean retain() {
        for (int count = references.get(); count > 0; count = references.get()) {
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Drops one reference; the last one unmaps. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            c.munmap.invokeInt(new Object[] {address, LENGTH});
        } else if (left < 0) {
            throw new IllegalStateException("segment mapping released more often than retained");
        }
    }

    /**
     * The bytes at {@code [position, position + size)}, which must lie below the segment's published size. Valid
     * only while the caller holds its reference.
     */
    public ByteBuffer view(long position, int size) {
        return address.getByteBuffer(position, size);
    }
}
