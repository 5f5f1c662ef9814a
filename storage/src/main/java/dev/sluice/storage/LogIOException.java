package dev.sluice.storage;

import java.io.IOException;

/** A failed disk operation; the broker reports it as a storage error. */
public final class LogIOException extends StorageException {
    public LogIOException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
