package dev.sluice.broker.groups;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where committed offsets are kept durably. */
public interface OffsetStore {
    /** What a replay finds, in log order. */
    interface Replay {
        void committed(String group, TopicPartition partition, CommittedOffset offset);

        void deleted(String group, TopicPartition partition);
    }

    /**
     * Writes the group's changes as one atomic batch (a null value deletes) and returns once they are in the
     * log; the future completes when they are as durable as the broker's flush policy makes produced data.
     * Throws when the write itself fails, so callers change nothing in memory then.
     */
    CompletableFuture<Void> write(String group, Map<TopicPartition, CommittedOffset> changes);

    /**
     * Whether the group's offsets can be read and written: false while the part of the store that holds them
     * is not loaded, when the group's committed offsets are unknown rather than absent.
     */
    boolean available(String group);

    /** Reads back everything written so far. */
    void replay(Replay replay);
}
