package dev.sluice.storage;

/** A record batch failed validation: CRC mismatch, bad length or count fields, or records that do not add up. */
public class CorruptBatchException extends StorageException {
    public CorruptBatchException(String message) {
        super(message);
    }
}
