package dev.sluice.storage;

/** A read or deletion at an offset outside the log. */
public final class OffsetOutOfRangeException extends StorageException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
