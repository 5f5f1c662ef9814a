package dev.sluice.replication;

import dev.sluice.replication.metadata.ClusterMetadata;

/**
 * Hands out producer ids from blocks reserved durably in the cluster metadata, so ids stay unique across
 * restarts without a metadata write per id. Thread-safe.
 */
public final class ProducerIdBlocks {
    static final int BLOCK_SIZE = 1000;

    private final ClusterMetadata metadata;
    private long next;
    private long blockEnd;

    public ProducerIdBlocks(ClusterMetadata metadata) {
        this.metadata = metadata;
    }

    public synchronized long nextProducerId() {
        if (next == blockEnd) {
            next = metadata.allocateProducerIds(BLOCK_SIZE);
            blockEnd = next + BLOCK_SIZE;
        }
        return next++;
    }
}
