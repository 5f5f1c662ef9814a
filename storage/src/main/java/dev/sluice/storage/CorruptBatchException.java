package dev.sluice.storage;

/** A batch whose bytes are inconsistent: bad CRC, sizes or record counts. */
public final class CorruptBatchException extends StorageException {
    public CorruptBatchException(String message) {
        super(message);
    }
}
