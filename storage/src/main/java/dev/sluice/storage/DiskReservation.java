package dev.sluice.storage;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Disk blocks reserved past the end of an active segment with {@code fallocate(2)} in keep-size mode: the file's
 * length, and so everything that reads or recovers it, is unchanged, but an append into reserved blocks skips
 * ext4's delayed allocation of each page it writes (a fifth or more less kernel time per byte written, and less
 * on the whole machine, once writeback is counted). What an append did not use is given back when the segment is
 * sealed. Only on ext4, where it was measured; elsewhere, and until the C library is reached, nothing is reserved.
 *
 * <p>The C library is loaded through JNA on a thread of its own the first time a reservation is asked for, so no
 * caller waits the ~70 ms that takes; reservations asked for before it is ready are skipped.
 */
final class DiskReservation {
    private static final Logger LOG = LoggerFactory.getLogger(DiskReservation.class);
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final String FILE_SYSTEM = "ext4";

    private static final Map<Path, Boolean> SUPPORTED_DIRS = new ConcurrentHashMap<>();
    private static final AtomicBoolean LOADING = new AtomicBoolean();
    private static final CompletableFuture<Optional<Libc>> LIBC = new CompletableFuture<>();

    private DiskReservation() {
    }

    /** The C functions this needs; absent where the library or one of them is not there (not Linux). */
    private record Libc(Function open, Function fallocate, Function ftruncate, Function close) {
        static Optional<Libc> load() {
            try {
                NativeLibrary c = NativeLibrary.getInstance("c");
                return Optional.of(new Libc(c.getFunction("open"), c.getFunction("fallocate"),
                        c.getFunction("ftruncate"), c.getFunction("close")));
            } catch (LinkageError | RuntimeException e) {
                LOG.info("Segments get no disk space reserved ahead of their end: {}", e.toString());
                return Optional.empty();
            }
        }

        int openForWriting(Path file) {
            return open.invokeInt(new Object[] {file.toString(), O_WRONLY | O_CLOEXEC});
        }
    }

    /**
     * Whether reservations can apply to the segments of {@code partitionDir}: it is on ext4. Decided once per log
     * directory, the partition directory's parent.
     */
    static boolean supported(Path partitionDir) {
        Path logDir = partitionDir.toAbsolutePath().getParent();
        return SUPPORTED_DIRS.computeIfAbsent(logDir == null ? partitionDir : logDir,
                DiskReservation::onReservingFileSystem);
    }

    private static boolean onReservingFileSystem(Path dir) {
        try {
            return FILE_SYSTEM.equals(Files.getFileStore(dir).type());
        } catch (IOException e) {
            return false;
        }
    }

    /** The C library once loaded; starts loading it on first use and answers empty until it is there. */
    private static Optional<Libc> libc() {
        if (LOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(() -> LIBC.complete(Libc.load()), "sluice-libc-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return LIBC.getNow(Optional.empty());
    }

    /**
     * Reserves {@code length} bytes of {@code file} from {@code offset}, keeping its length, as far as the file
     * system allows: one that is full or does not support it refuses, and that is the end of the attempt. Returns
     * false when no attempt could be made yet, the library still loading.
     */
    static boolean tryReserve(Path file, long offset, long length) {
        Optional<Libc> loaded = libc();
        if (loaded.isEmpty()) {
            return false;
        }
        Libc c = loaded.get();
        int fd = c.openForWriting(file);
        if (fd < 0) {
            return true;
        }
        try {
            c.fallocate.invokeInt(new Object[] {fd, FALLOC_FL_KEEP_SIZE, offset, length});
            return true;
        } finally {
            c.close.invokeInt(new Object[] {fd});
        }
    }

    /**
     * Gives back the blocks reserved past {@code length}, the file's current length: truncating a file to its
     * own length frees what lies beyond it. Best effort: space not given back is freed with the file. Does not
     * load the library: a process that reserved nothing has only what an earlier one left to give back, and that
     * waits for the next seal after a reservation.
     */
    static void release(Path file, long length) {
        Optional<Libc> loaded = LIBC.getNow(Optional.empty());
        if (loaded.isEmpty()) {
            return;
        }
        Libc c = loaded.get();
        int fd = c.openForWriting(file);
        if (fd < 0) {
            LOG.warn("Cannot open {} to give back its reserved space: errno {}", file, Native.getLastError());
            return;
        }
        try {
            if (c.ftruncate.invokeInt(new Object[] {fd, length}) != 0) {
                LOG.warn("Cannot give back the space reserved past the end of {}: errno {}", file,
                        Native.getLastError());
            }
        } finally {
            c.close.invokeInt(new Object[] {fd});
        }
    }
}
