package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader epochs of the partition and the first offset of each, persisted in `leader-epoch-checkpoint`
 * (Kafka's text format: "0", count, then "epoch startOffset" lines). Epochs and start offsets strictly
 * increase. Mutated by the writer thread; queries are synchronized so any thread may ask.
 */
final class LeaderEpochCache {
    static final String FILE_NAME = "leader-epoch-checkpoint";

    private record Entry(int epoch, long startOffset) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();

    LeaderEpochCache(Path dir) throws IOException {
        this.file = dir.resolve(FILE_NAME);
        try {
            for (String line : CheckpointFile.read(file)) {
                String[] parts = line.trim().split("\\s+");
                entries.add(new Entry(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            LOG.warn("Ignoring malformed {}: {}", file, e.toString());
            entries.clear();
        }
    }

    /** Records that {@code epoch} starts at {@code startOffset} if it is newer than the latest epoch. */
    synchronized void assign(int epoch, long startOffset) throws IOException {
        if (epoch < 0 || (!entries.isEmpty() && epoch <= entries.get(entries.size() - 1).epoch())) {
            return;
        }
        entries.add(new Entry(epoch, startOffset));
        try {
            persist();
        } catch (IOException e) {
            // Kept only once on disk, so that a retry persists it.
            entries.remove(entries.size() - 1);
            throw e;
        }
    }

    /** Kafka's OffsetForLeaderEpoch answer; (-1, -1) when the epoch is unknown or newer than the latest. */
    synchronized Log.EpochEndOffset endOffsetFor(int requested, long logEndOffset) {
        if (requested < 0 || entries.isEmpty()) {
            return new Log.EpochEndOffset(-1, -1);
        }
        Entry latest = entries.get(entries.size() - 1);
        if (requested == latest.epoch()) {
            return new Log.EpochEndOffset(requested, logEndOffset);
        }
        Entry floor = null;
        for (Entry entry : entries) {
            if (entry.epoch() > requested) {
                return new Log.EpochEndOffset(floor == null ? requested : floor.epoch(), entry.startOffset());
            }
            floor = entry;
        }
        return new Log.EpochEndOffset(-1, -1);
    }

    /** Forgets epochs starting at or after {@code endOffset} (the log was truncated there). */
    synchronized void truncateFromEnd(long endOffset) throws IOException {
        if (entries.removeIf(entry -> entry.startOffset() >= endOffset)) {
            persist();
        }
    }

    /** Drops epochs wholly below {@code startOffset} and clamps the first kept one to it. */
    synchronized void truncateFromStart(long startOffset) throws IOException {
        boolean changed = false;
        while (entries.size() > 1 && entries.get(1).startOffset() <= startOffset) {
            entries.remove(0);
            changed = true;
        }
        if (!entries.isEmpty() && entries.get(0).startOffset() < startOffset) {
            entries.set(0, new Entry(entries.get(0).epoch(), startOffset));
            changed = true;
        }
        if (changed) {
            persist();
        }
    }

    private void persist() throws IOException {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach(entry -> lines.add(entry.epoch() + " " + entry.startOffset()));
        CheckpointFile.write(file, lines);
    }
}
