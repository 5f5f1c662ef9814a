package dev.sluice.storage;

/** A producer timestamp outside the window the log accepts. */
public final class InvalidTimestampException extends StorageException {
    public InvalidTimestampException(String message) {
        super(message);
    }
}
