package dev.sluice.broker.groups;

/** A group's committed position in one partition, as OffsetCommit stores it and OffsetFetch returns it. */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
    /** Whether committing {@code other} would leave the stored position unchanged. */
    boolean samePosition(CommittedOffset other) {
        return other != null && offset == other.offset && leaderEpoch == other.leaderEpoch
                && metadata.equals(other.metadata);
    }
}
