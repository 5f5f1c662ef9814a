package dev.sluice.storage;

import java.io.IOException;

/** A segment file whose published bytes do not parse as whole batches, which only disk damage can cause. */
final class DamagedSegmentException extends IOException {
    DamagedSegmentException(String message) {
        super(message);
    }
}
