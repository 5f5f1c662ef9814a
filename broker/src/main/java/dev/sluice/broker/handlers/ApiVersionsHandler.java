package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * ApiVersions: the version range of every registered handler, so the advertised table cannot drift from
 * what is implemented. A request for a version newer than ours gets UNSUPPORTED_VERSION with the table in
 * v0 layout (see the dispatcher), which is how clients learn to downgrade.
 */
public final class ApiVersionsHandler extends ApiHandler<ApiVersionsRequestData> {
    private static final Pattern SOFTWARE_FIELD = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    private final Supplier<ApiHandlers> handlers;
    private final BrokerNode node;

    /** Takes a supplier because the table it describes includes this handler itself. */
    public ApiVersionsHandler(Supplier<ApiHandlers> handlers, BrokerNode node) {
        super(ApiKeys.API_VERSIONS, 0, 5);
        this.handlers = handlers;
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, ApiVersionsRequestData body) {
        ApiVersionsResponseData response = table(handlers.get());
        if (request.version() >= 3 && !(isValidSoftwareField(body.clientSoftwareName())
                && isValidSoftwareField(body.clientSoftwareVersion()))) {
            response.setErrorCode(Errors.INVALID_REQUEST.code());
        } else if (request.version() >= 5 && !isIntendedBroker(body)) {
            // KIP-1242: the client reached a different cluster or node than it meant to.
            response.setErrorCode(Errors.REBOOTSTRAP_REQUIRED.code());
        }
        return CompletableFuture.completedFuture(response);
    }

    private boolean isIntendedBroker(ApiVersionsRequestData body) {
        boolean clusterMatches = body.clusterId() == null || body.clusterId().equals(node.metadata().clusterId());
        boolean nodeMatches = body.nodeId() == -1 || body.nodeId() == node.nodeId();
        return clusterMatches && nodeMatches;
    }

    /** Kafka's rule for client software name and version (KIP-511): alphanumerics, '-' and '.' inside. */
    private static boolean isValidSoftwareField(String value) {
        return value != null && SOFTWARE_FIELD.matcher(value).matches();
    }

    public static ApiVersionsResponseData unsupportedVersion(ApiHandlers handlers) {
        return table(handlers).setErrorCode(Errors.UNSUPPORTED_VERSION.code());
    }

    private static ApiVersionsResponseData table(ApiHandlers handlers) {
        ApiVersionCollection keys = new ApiVersionCollection();
        handlers.all().stream()
                .sorted(Comparator.comparingInt(h -> h.apiKey().id))
                .forEach(h -> keys.add(new ApiVersion()
                        .setApiKey(h.apiKey().id)
                        .setMinVersion(h.advertisedMinVersion())
                        .setMaxVersion(h.maxVersion())));
        return new ApiVersionsResponseData().setErrorCode(Errors.NONE.code()).setApiKeys(keys);
    }
}
