package dev.sluice.storage;

/** A batch from an idempotent producer epoch older than the current one. */
public final class InvalidProducerEpochException extends StorageException {
    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
