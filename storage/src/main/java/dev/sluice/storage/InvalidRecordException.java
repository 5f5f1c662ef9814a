package dev.sluice.storage;

/** An append is well formed but not acceptable, e.g. a control batch from a client. */
public class InvalidRecordException extends StorageException {
    public InvalidRecordException(String message) {
        super(message);
    }
}
