package dev.sluice.storage;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The C library's file functions the JDK does not offer ({@code fallocate}, {@code mmap} past the end of a file),
 * reached through JNA. It is loaded on a thread of its own the first time it is asked for, so no caller waits the
 * ~70 ms that takes; until it is there, and where it cannot load (not Linux), callers do without.
 */
final class CLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(CLibrary.class);
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;

    private static final AtomicBoolean LOADING = new AtomicBoolean();
    private static final CompletableFuture<Optional<CLibrary>> LOADED = new CompletableFuture<>();

    final Function fallocate;
    final Function ftruncate;
    final Function mmap;
    final Function munmap;
    private final Function open;
    private final Function close;

    private CLibrary(NativeLibrary c) {
        open = c.getFunction("open");
        close = c.getFunction("close");
        fallocate = c.getFunction("fallocate");
        ftruncate = c.getFunction("ftruncate");
        mmap = c.getFunction("mmap");
        munmap = c.getFunction("munmap");
    }

    private static Optional<CLibrary> load() {
        try {
            return Optional.of(new CLibrary(NativeLibrary.getInstance("c")));
        } catch (LinkageError | RuntimeException e) {
            LOG.info("Without the C library, segments get no disk space reserved ahead of their end and fetches "
                    + "to local clients are sent with sendfile: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The library once loaded; starts loading it on first use and answers empty until it is there. */
    static Optional<CLibrary> get() {
        if (LOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(() -> LOADED.complete(load()), "sluice-libc-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return ifLoaded();
    }

    /** The library if it is already loaded, without starting to load it. */
    static Optional<CLibrary> ifLoaded() {
        return LOADED.getNow(Optional.empty());
    }

    /** A file descriptor, or a negative number when the file cannot be opened. */
    int open(Path file, int flags) {
        return open.invokeInt(new Object[] {file.toString(), flags | O_CLOEXEC});
    }

    void close(int fd) {
        close.invokeInt(new Object[] {fd});
    }
}
