package dev.sluice.broker.network;

/** A frame that cannot be parsed as a Kafka request; the connection that sent it is closed. */
final class MalformedRequestException extends RuntimeException {
    MalformedRequestException(String message) {
        super(message);
    }

    MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
