package dev.sluice.storage;

/** A batch in a format other than magic v2. */
public final class UnsupportedMagicException extends StorageException {
    public UnsupportedMagicException(String message) {
        super(message);
    }
}
