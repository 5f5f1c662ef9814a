package dev.sluice.broker.handlers;

import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one Kafka API over the version range it declares in its constructor. The ApiVersions answer is
 * built from these ranges, so what is advertised is exactly what is implemented.
 *
 * <p>{@link #handle} runs on the connection's event loop and must not block; work that waits (long-poll
 * fetch) completes the future later from any thread.
 *
 * @param <Q> the request body type
 */
public abstract class ApiHandler<Q extends ApiMessage> {
    private final ApiKeys apiKey;
    private final short minVersion;
    private final short maxVersion;

    protected ApiHandler(ApiKeys apiKey, int minVersion, int maxVersion) {
        this.apiKey = apiKey;
        this.minVersion = (short) minVersion;
        this.maxVersion = (short) maxVersion;
    }

    public final ApiKeys apiKey() {
        return apiKey;
    }

    public final short minVersion() {
        return minVersion;
    }

    public final short maxVersion() {
        return maxVersion;
    }

    /** The minimum version announced in ApiVersions; lower only where clients need it (see ProduceHandler). */
    public short advertisedMinVersion() {
        return minVersion;
    }

    /** Completes with the response body, or with {@code null} when the protocol sends no response. */
    public abstract CompletableFuture<ApiMessage> handle(KafkaRequest request, Q body);
}
