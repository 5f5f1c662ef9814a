package dev.sluice.storage;

/** A batch that is well formed but not acceptable from a producer. */
public final class InvalidRecordException extends StorageException {
    public InvalidRecordException(String message) {
        super(message);
    }
}
