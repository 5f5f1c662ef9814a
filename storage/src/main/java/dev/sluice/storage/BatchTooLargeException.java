package dev.sluice.storage;

/** A record batch (or a whole append) is larger than the configured limit. */
public class BatchTooLargeException extends StorageException {
    public BatchTooLargeException(String message) {
        super(message);
    }
}
