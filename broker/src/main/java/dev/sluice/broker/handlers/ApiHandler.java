package dev.sluice.broker.handlers;

import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one Kafka API over a declared version range. The ApiVersions answer is built from these ranges,
 * so what is advertised is exactly what is implemented.
 *
 * <p>{@link #handle} runs on the connection's event loop and must not block; work that waits (long-poll
 * fetch, fsync) completes the future later from any thread.
 *
 * @param <Q> the request body type
 */
public interface ApiHandler<Q extends ApiMessage> {
    ApiKeys apiKey();

    short minVersion();

    short maxVersion();

    /** The minimum version announced in ApiVersions; lower only where clients need it (see ProduceHandler). */
    default short advertisedMinVersion() {
        return minVersion();
    }

    /** Completes with the response body, or with {@code null} when the protocol sends no response. */
    CompletableFuture<ApiMessage> handle(KafkaRequest request, Q body);
}
