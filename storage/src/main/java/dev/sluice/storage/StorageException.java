package dev.sluice.storage;

/** Base of the errors a log reports to its callers; each subclass corresponds to one Kafka error code. */
public abstract class StorageException extends RuntimeException {
    protected StorageException(String message) {
        super(message);
    }

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
