package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** AlterConfigs (the legacy API): replaces a resource's whole set of overrides with the given one. */
public final class AlterConfigsHandler extends ApiHandler<AlterConfigsRequestData> {
    private final ConfigResources resources;

    public AlterConfigsHandler(BrokerNode node) {
        super(ApiKeys.ALTER_CONFIGS, 0, 2);
        this.resources = new ConfigResources(node);
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, AlterConfigsRequestData body) {
        List<AlterConfigsResourceResponse> responses = new ArrayList<>();
        for (AlterConfigsRequestData.AlterConfigsResource resource : body.resources()) {
            AlterConfigsResourceResponse response = new AlterConfigsResourceResponse()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName());
            try {
                Map<String, String> overrides = new LinkedHashMap<>();
                resource.configs().forEach(c -> overrides.put(c.name(), c.value()));
                resources.update(resource.resourceType(), resource.resourceName(), current -> overrides, body.validateOnly());
            } catch (RuntimeException e) {
                Failures.Failure failure = Failures.of(e);
                response.setErrorCode(failure.error().code()).setErrorMessage(failure.message());
            }
            responses.add(response);
        }
        return CompletableFuture.completedFuture(new AlterConfigsResponseData().setResponses(responses));
    }
}
