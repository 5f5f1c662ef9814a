package dev.sluice.storage;

/** An idempotent producer's batch whose sequence does not follow the last one. */
public final class OutOfOrderSequenceException extends StorageException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
