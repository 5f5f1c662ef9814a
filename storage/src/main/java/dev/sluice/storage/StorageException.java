package dev.sluice.storage;

/** Base class of every error the partition log reports to its caller; unchecked so callers map it once. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
