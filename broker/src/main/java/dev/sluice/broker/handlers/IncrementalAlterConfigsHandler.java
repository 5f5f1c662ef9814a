package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.config.ConfigEntry;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigType;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * IncrementalAlterConfigs: SET, DELETE, and for list-typed configs APPEND and SUBTRACT, applied to the
 * resource's current overrides; the result is validated as a whole before it is stored.
 */
public final class IncrementalAlterConfigsHandler extends ApiHandler<IncrementalAlterConfigsRequestData> {
    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final ConfigResources resources;

    public IncrementalAlterConfigsHandler(BrokerNode node) {
        super(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0, 1);
        this.resources = new ConfigResources(node);
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, IncrementalAlterConfigsRequestData body) {
        List<AlterConfigsResourceResponse> responses = new ArrayList<>();
        for (IncrementalAlterConfigsRequestData.AlterConfigsResource resource : body.resources()) {
            AlterConfigsResourceResponse response = new AlterConfigsResourceResponse()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName());
            try {
                resources.update(resource.resourceType(), resource.resourceName(), current -> apply(resource, current),
                        body.validateOnly());
            } catch (RuntimeException e) {
                Failures.Failure failure = Failures.of(e);
                response.setErrorCode(failure.error().code()).setErrorMessage(failure.message());
            }
            responses.add(response);
        }
        return CompletableFuture.completedFuture(new IncrementalAlterConfigsResponseData().setResponses(responses));
    }

    private Map<String, String> apply(IncrementalAlterConfigsRequestData.AlterConfigsResource resource,
                                      Map<String, String> current) {
        byte type = resource.resourceType();
        String name = resource.resourceName();
        Map<String, String> next = new LinkedHashMap<>(current);
        Map<String, ConfigEntry> effective = new HashMap<>();
        resources.describe(type, name).forEach(e -> effective.put(e.name(), e));
        for (IncrementalAlterConfigsRequestData.AlterableConfig op : resource.configs()) {
            ConfigEntry entry = effective.get(op.name());
            switch (op.configOperation()) {
                case SET -> next.put(op.name(), op.value());
                case DELETE -> next.remove(op.name());
                case APPEND, SUBTRACT -> next.put(op.name(), editList(op, entry, next.get(op.name())));
                default -> throw new ConfigException(op.name(), "Unknown config operation " + op.configOperation()
                        + " for " + op.name() + "; expected SET (0), DELETE (1), APPEND (2) or SUBTRACT (3).");
            }
        }
        return next;
    }

    private static String editList(IncrementalAlterConfigsRequestData.AlterableConfig op, ConfigEntry entry, String override) {
        if (entry == null || entry.type() != ConfigType.LIST) {
            throw new ConfigException(op.name(), "Config " + op.name() + " is not a list; APPEND and SUBTRACT only apply to list configs.");
        }
        String base = override != null ? override : entry.value();
        List<String> items = new ArrayList<>();
        if (base != null && !base.isBlank()) {
            Arrays.stream(base.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        }
        List<String> delta = op.value() == null ? List.of()
                : Arrays.stream(op.value().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (op.configOperation() == APPEND) {
            delta.stream().filter(v -> !items.contains(v)).forEach(items::add);
        } else {
            items.removeAll(delta);
        }
        return String.join(",", items);
    }
}
