package dev.sluice.storage;

/** An idempotent producer's batch carries an epoch older than the one already seen (the producer is fenced). */
public class InvalidProducerEpochException extends StorageException {
    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
