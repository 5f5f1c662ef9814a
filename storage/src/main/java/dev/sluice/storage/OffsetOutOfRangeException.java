package dev.sluice.storage;

/** A requested offset lies outside [logStartOffset, logEndOffset]. */
public class OffsetOutOfRangeException extends StorageException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
