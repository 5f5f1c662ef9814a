package dev.sluice.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader epochs of a log and the offset where each began, kept in {@code leader-epoch-checkpoint}
 * (one "epoch offset" line per epoch). Lets a client ask where an epoch ended (KIP-101, KIP-320).
 *
 * <p>Written by the log's writer; {@link #endOffsetFor} may be called from any thread.
 */
final class LeaderEpochs {
    static final String FILE = "leader-epoch-checkpoint";
    private static final int UNDEFINED_EPOCH = -1;
    private static final long UNDEFINED_OFFSET = -1;

    /** An epoch and its first offset. */
    record Start(int epoch, long offset) {
    }

    private final Path file;
    private volatile List<Start> starts;

    LeaderEpochs(Path dir) throws IOException {
        this.file = dir.resolve(FILE);
        List<Start> loaded = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    loaded.add(new Start(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
                }
            }
        }
        this.starts = List.copyOf(loaded);
    }

    /** Records that {@code epoch} starts at {@code offset} if it is newer than the last known epoch. */
    void assign(int epoch, long offset) throws IOException {
        List<Start> current = starts;
        if (!current.isEmpty() && current.get(current.size() - 1).epoch() >= epoch) {
            return;
        }
        List<Start> next = new ArrayList<>(current);
        next.add(new Start(epoch, offset));
        write(next);
    }

    /** Drops epochs that start at or after {@code offset}, after the log was truncated there. */
    void truncateFrom(long offset) throws IOException {
        List<Start> kept = starts.stream().filter(s -> s.offset() < offset).toList();
        if (kept.size() != starts.size()) {
            write(kept);
        }
    }

    /**
     * The largest epoch not above {@code requested} and the offset where it ended: the start of the next
     * epoch, or the log end offset for the latest epoch. Undefined (-1, -1) for an epoch above every known one.
     */
    Log.EpochEndOffset endOffsetFor(int requested, long logEndOffset) {
        List<Start> current = starts;
        if (requested == UNDEFINED_EPOCH || current.isEmpty()) {
            return new Log.EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
        }
        if (current.get(current.size() - 1).epoch() == requested) {
            return new Log.EpochEndOffset(requested, logEndOffset);
        }
        Start floor = null;
        Start higher = null;
        for (Start s : current) {
            if (s.epoch() <= requested) {
                floor = s;
            } else {
                higher = s;
                break;
            }
        }
        if (higher == null) {
            return new Log.EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
        }
        return new Log.EpochEndOffset(floor == null ? requested : floor.epoch(), higher.offset());
    }

    private void write(List<Start> next) throws IOException {
        StringBuilder text = new StringBuilder();
        next.forEach(s -> text.append(s.epoch()).append(' ').append(s.offset()).append('\n'));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        starts = List.copyOf(next);
    }
}
