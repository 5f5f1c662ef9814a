package dev.sluice.storage;

/** The log was closed or deleted (its topic went away) while a request was using it. */
public final class LogClosedException extends StorageException {
    public LogClosedException(String message) {
        super(message);
    }
}
