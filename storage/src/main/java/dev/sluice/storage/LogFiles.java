package dev.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small files beside a log's segments: the clean-shutdown marker, the persisted log start offset, and
 * the producer-state snapshots. Used by the log's writer only.
 */
final class LogFiles {
    static final String CLEAN_SHUTDOWN = "clean-shutdown";
    static final String LOG_START_OFFSET = "log-start-offset";

    private final Path dir;

    LogFiles(Path dir) {
        this.dir = dir;
    }

    /** Removes what an interrupted run left behind: renamed-for-deletion segments and temporary files. */
    void removeLeftovers() throws IOException {
        for (Path file : list()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".deleted") || name.endsWith(".tmp")) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Whether the last run closed this log cleanly; the marker is removed so a crash from now on is seen. */
    boolean takeCleanShutdownMarker() throws IOException {
        return Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
    }

    void markCleanShutdown() throws IOException {
        Path marker = dir.resolve(CLEAN_SHUTDOWN);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    long readLogStartOffset() throws IOException {
        Path file = dir.resolve(LOG_START_OFFSET);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    void writeLogStartOffset(long offset) throws IOException {
        Path tmp = dir.resolve(LOG_START_OFFSET + ".tmp");
        Files.writeString(tmp, Long.toString(offset), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, dir.resolve(LOG_START_OFFSET), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Base offsets of the segments on disk, ascending. */
    List<Long> segmentBaseOffsets() throws IOException {
        return offsetsOf(".log");
    }

    /** Offsets of the producer-state snapshots on disk, ascending. */
    List<Long> snapshotOffsets() throws IOException {
        return offsetsOf(".snapshot");
    }

    Path snapshot(long offset) {
        return dir.resolve(Segment.fileName(offset, ".snapshot"));
    }

    void removeSnapshotsBefore(long offset) throws IOException {
        for (long snapshot : snapshotOffsets()) {
            if (snapshot < offset) {
                Files.deleteIfExists(snapshot(snapshot));
            }
        }
    }

    void deleteAll() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<Long> offsetsOf(String suffix) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (Path file : list()) {
            String name = file.getFileName().toString();
            if (name.endsWith(suffix) && name.length() == 20 + suffix.length()) {
                try {
                    offsets.add(Long.parseLong(name.substring(0, 20)));
                } catch (NumberFormatException ignored) {
                    // Not one of ours; leave it alone.
                }
            }
        }
        offsets.sort(null);
        return offsets;
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
