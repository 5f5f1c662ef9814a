package dev.sluice.storage;

/** A record batch uses a format other than magic v2. */
public class UnsupportedMagicException extends StorageException {
    public UnsupportedMagicException(String message) {
        super(message);
    }
}
