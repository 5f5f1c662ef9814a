package dev.sluice.broker.handlers;

import dev.sluice.config.ConfigException;
import dev.sluice.replication.metadata.MetadataException;
import dev.sluice.storage.BatchTooLargeException;
import dev.sluice.storage.CorruptBatchException;
import dev.sluice.storage.InvalidProducerEpochException;
import dev.sluice.storage.InvalidRecordException;
import dev.sluice.storage.InvalidTimestampException;
import dev.sluice.storage.LogClosedException;
import dev.sluice.storage.LogIOException;
import dev.sluice.storage.OffsetOutOfRangeException;
import dev.sluice.storage.OutOfOrderSequenceException;
import dev.sluice.storage.UnsupportedMagicException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where domain exceptions become Kafka error codes. Expected client errors are not logged;
 * anything unexpected is logged once with its stack trace and reported as UNKNOWN_SERVER_ERROR.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    static Errors errorOf(Throwable e) {
        if (e instanceof CorruptBatchException) {
            return Errors.CORRUPT_MESSAGE;
        } else if (e instanceof BatchTooLargeException) {
            return Errors.MESSAGE_TOO_LARGE;
        } else if (e instanceof InvalidTimestampException) {
            return Errors.INVALID_TIMESTAMP;
        } else if (e instanceof UnsupportedMagicException || e instanceof InvalidRecordException) {
            // Kafka answers INVALID_RECORD for a wrong magic on Produce v3+ and for inconsistent counts;
            // producers fail such batches at once instead of retrying them as they would CORRUPT_MESSAGE.
            return Errors.INVALID_RECORD;
        } else if (e instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        } else if (e instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        } else if (e instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        } else if (e instanceof LogClosedException) {
            // The topic was deleted under the request: retriable, the client refreshes its metadata.
            return Errors.NOT_LEADER_OR_FOLLOWER;
        } else if (e instanceof LogIOException) {
            log.error("Storage failure", e);
            return Errors.KAFKA_STORAGE_ERROR;
        } else if (e instanceof ConfigResources.UnsupportedResourceException) {
            return Errors.INVALID_REQUEST;
        } else if (e instanceof ConfigException) {
            return Errors.INVALID_CONFIG;
        } else if (e instanceof MetadataException m) {
            return switch (m.reason()) {
                case TOPIC_EXISTS -> Errors.TOPIC_ALREADY_EXISTS;
                case UNKNOWN_TOPIC -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
                case UNKNOWN_TOPIC_ID -> Errors.UNKNOWN_TOPIC_ID;
                case INVALID_PARTITIONS -> Errors.INVALID_PARTITIONS;
                case INVALID_REPLICATION_FACTOR -> Errors.INVALID_REPLICATION_FACTOR;
                case INVALID_TOPIC -> Errors.INVALID_TOPIC_EXCEPTION;
                case STORAGE -> {
                    log.error("Metadata storage failure", e);
                    yield Errors.KAFKA_STORAGE_ERROR;
                }
            };
        }
        log.error("Unexpected failure", e);
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** An error code and the message to send with it, where the protocol has a field for one. */
    record Failure(Errors error, String message) {
    }

    /**
     * The code and message for a failure. Expected errors carry their own message, which names the problem;
     * an unexpected one gets only the code's generic text, so internals never reach clients.
     */
    static Failure of(Throwable e) {
        Errors error = errorOf(e);
        return new Failure(error, error == Errors.UNKNOWN_SERVER_ERROR ? error.message() : e.getMessage());
    }
}
