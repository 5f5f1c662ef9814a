package dev.sluice.replication.metadata;

/** A metadata change that cannot be applied; {@link #reason()} says which Kafka error it corresponds to. */
public final class MetadataException extends RuntimeException {
    /** Why a change was refused. */
    public enum Reason { TOPIC_EXISTS, UNKNOWN_TOPIC, UNKNOWN_TOPIC_ID, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_TOPIC, STORAGE }

    private final Reason reason;

    public MetadataException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MetadataException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
