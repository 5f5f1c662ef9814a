package dev.sluice.storage;

import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Disk blocks reserved past the end of an active segment with {@code fallocate(2)} in keep-size mode: the file's
 * length, and so everything that reads or recovers it, is unchanged, but an append into reserved blocks skips
 * ext4's delayed allocation of each page it writes (a fifth or more less kernel time per byte written, and less
 * on the whole machine, once writeback is counted). What an append did not use is given back when the segment is
 * sealed. Only on ext4, where it was measured; elsewhere, and until the C library is reached, nothing is reserved.
 *
 * <p>Reservations asked for before the C library is loaded ({@link CLibrary}) are skipped.
 */
final class DiskReservation {
    private static final Logger LOG = LoggerFactory.getLogger(DiskReservation.class);
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final String FILE_SYSTEM = "ext4";

    private static final Map<Path, Boolean> SUPPORTED_DIRS = new ConcurrentHashMap<>();

    private DiskReservation() {
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

    /**
     * Reserves {@code length} bytes of {@code file} from {@code offset}, keeping its length, as far as the file
     * system allows: one that is full or does not support it refuses, and that is the end of the attempt. Returns
     * false when no attempt could be made yet, the library still loading.
     */
    static boolean tryReserve(Path file, long offset, long length) {
        Optional<CLibrary> loaded = CLibrary.get();
        if (loaded.isEmpty()) {
            return false;
        }
        CLibrary c = loaded.get();
        int fd = c.open(file, CLibrary.O_WRONLY);
        if (fd < 0) {
            return true;
        }
        try {
            c.fallocate.invokeInt(new Object[] {fd, FALLOC_FL_KEEP_SIZE, offset, length});
            return true;
        } finally {
            c.close(fd);
        }
    }

    /**
     * Gives back the blocks reserved past {@code length}, the file's current length: truncating a file to its
     * own length frees what lies beyond it. Best effort: space not given back is freed with the file. Does not
     * load the library: a process that reserved nothing has only what an earlier one left to give back, and that
     * waits for the next seal after a reservation.
     */
    static void release(Path file, long length) {
        Optional<CLibrary> loaded = CLibrary.ifLoaded();
        if (loaded.isEmpty()) {
            return;
        }
        CLibrary c = loaded.get();
        int fd = c.open(file, CLibrary.O_WRONLY);
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
            c.close(fd);
        }
    }
}
