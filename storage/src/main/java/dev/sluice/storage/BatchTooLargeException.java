package dev.sluice.storage;

/** A batch larger than the log's max.message.bytes. */
public final class BatchTooLargeException extends StorageException {
    public BatchTooLargeException(String message) {
        super(message);
    }
}
