package dev.sluice.broker.network;

import dev.sluice.broker.handlers.ApiHandler;
import dev.sluice.broker.handlers.ApiHandlers;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Request counts, failures and latencies per API, and the listener's connection counters. Every series of a
 * served API is created up front and kept in arrays indexed by API key and version, so counting a request
 * costs no label lookup. Thread-safe: immutable after construction; the data points are concurrent.
 *
 * <p>A request's latency is split in three phases, all measured on its connection's event loop: {@code queue}
 * from the frame leaving the socket to its handler starting (decoding), {@code handle} from there to the
 * response being ready (including waits for data, fsync or a delayed fetch), {@code send} from there to the
 * response being written to the socket (including waiting for earlier responses on the connection, which go
 * out in request order, and encoding).
 */
public final class RequestMetrics {
    /** Why a request got no regular answer; the values of the {@code error} label. */
    enum Failure {
        UNSUPPORTED_API("unsupported_api"),
        UNSUPPORTED_VERSION("unsupported_version"),
        MALFORMED("malformed"),
        HANDLER_FAILED("handler_failed"),
        CONNECTION_CLOSED("connection_closed");

        final String label;

        Failure(String label) {
            this.label = label;
        }
    }

    private static final String UNKNOWN = "unknown";
    private static final double[] LATENCY_BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** The series of one API, looked up by the request's key id. */
    static final class ApiSeries {
        private final short minVersion;
        private final CounterDataPoint[] requests;
        final DistributionDataPoint queue;
        final DistributionDataPoint handle;
        final DistributionDataPoint send;

        private ApiSeries(ApiHandler<?> handler, Counter requestCounter, Histogram latency) {
            String api = handler.apiKey().name;
            this.minVersion = handler.minVersion();
            this.requests = new CounterDataPoint[handler.maxVersion() - minVersion + 1];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = requestCounter.labelValues(api, Integer.toString(minVersion + i));
            }
            this.queue = latency.labelValues(api, "queue");
            this.handle = latency.labelValues(api, "handle");
            this.send = latency.labelValues(api, "send");
        }

        /** Counts a request of a version its handler serves. */
        void received(short version) {
            requests[version - minVersion].inc();
        }
    }

    private final ApiSeries[] byKeyId;
    private final Counter errors;

    public RequestMetrics(PrometheusRegistry registry, ApiHandlers handlers, ConnectionStats connections) {
        Counter requests = Counter.builder().name("sluice_network_requests_total")
                .help("Requests received, by API and version.")
                .labelNames("api", "version").withoutExemplars().build();
        this.errors = Counter.builder().name("sluice_network_request_errors_total")
                .help("Requests that got no regular answer, by API, version and error: unsupported_api, "
                        + "unsupported_version, malformed (the connection is closed), handler_failed "
                        + "(answered with UNKNOWN_SERVER_ERROR), connection_closed (failed acks=0 produce).")
                .labelNames("api", "version", "error").withoutExemplars().build();
        Histogram latency = Histogram.builder().name("sluice_network_request_duration_seconds")
                .help("Request latency by API and phase: queue (decoding), handle (until the response is ready), "
                        + "send (until it is written to the socket).")
                .unit(Unit.SECONDS).labelNames("api", "phase").classicOnly().classicUpperBounds(LATENCY_BOUNDS)
                .withoutExemplars().build();
        int maxId = 0;
        for (ApiHandler<?> handler : handlers.all()) {
            maxId = Math.max(maxId, handler.apiKey().id);
        }
        this.byKeyId = new ApiSeries[maxId + 1];
        for (ApiHandler<?> handler : handlers.all()) {
            byKeyId[handler.apiKey().id] = new ApiSeries(handler, requests, latency);
        }
        registry.register(requests);
        registry.register(errors);
        registry.register(latency);
        registerConnections(registry, connections);
    }

    private static void registerConnections(PrometheusRegistry registry, ConnectionStats connections) {
        GaugeWithCallback.builder().name("sluice_network_connections_open")
                .help("Client connections open on the Kafka listener.")
                .callback(cb -> cb.call(connections.open())).register(registry);
        CounterWithCallback.builder().name("sluice_network_connections_accepted_total")
                .help("Client connections accepted on the Kafka listener.")
                .callback(cb -> cb.call(connections.accepted())).register(registry);
        CounterWithCallback.builder().name("sluice_network_connections_closed_total")
                .help("Client connections closed, by either side.")
                .callback(cb -> cb.call(connections.closed())).register(registry);
        CounterWithCallback.builder().name("sluice_network_bad_frames_total")
                .help("Frames that could not be parsed as a request or exceeded socket.request.max.bytes; "
                        + "each closed its connection.")
                .callback(cb -> cb.call(connections.rejectedFrames())).register(registry);
    }

    /** The series of a served API, or null when no handler serves the key. */
    ApiSeries series(ApiKeys key) {
        return key.id < byKeyId.length ? byKeyId[key.id] : null;
    }

    /** Counts a request that got no regular answer. Rare, so labels are resolved here. */
    void failed(short keyId, short version, Failure failure) {
        ApiKeys key = ApiKeys.hasId(keyId) ? ApiKeys.forId(keyId) : null;
        String api = key == null ? UNKNOWN : key.name;
        // Only versions the codec knows become label values, so odd frames cannot create unbounded series.
        String versionLabel = key != null && version >= key.oldestVersion() && version <= key.latestVersion()
                ? Short.toString(version) : UNKNOWN;
        errors.labelValues(api, versionLabel, failure.label).inc();
    }
}
