package dev.sluice.storage;

/** A CreateTime batch carries a timestamp outside the accepted window around the broker clock. */
public class InvalidTimestampException extends StorageException {
    public InvalidTimestampException(String message) {
        super(message);
    }
}
