package dev.sluice.storage;

import java.io.IOException;

/** An I/O failure on a segment, index or checkpoint file. */
public class LogIOException extends StorageException {
    public LogIOException(String message, IOException cause) {
        super(message, cause);
    }
}
