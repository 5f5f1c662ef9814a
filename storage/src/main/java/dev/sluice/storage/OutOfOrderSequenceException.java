package dev.sluice.storage;

/** An idempotent producer's batch does not continue its sequence. */
public class OutOfOrderSequenceException extends StorageException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
