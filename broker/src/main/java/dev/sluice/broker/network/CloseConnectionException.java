package dev.sluice.broker.network;

/** Completes a request with no response and closes its connection, Kafka's signal for failed acks=0 produce. */
public final class CloseConnectionException extends RuntimeException {
    public CloseConnectionException(String reason) {
        super(reason, null, false, false);
    }
}
