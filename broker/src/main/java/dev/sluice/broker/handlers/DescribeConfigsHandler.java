package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.config.ConfigEntry;
import dev.sluice.config.Synonym;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** DescribeConfigs for topics and the broker, with sources, synonyms and documentation when asked. */
public final class DescribeConfigsHandler extends ApiHandler<DescribeConfigsRequestData> {
    private final ConfigResources resources;

    public DescribeConfigsHandler(BrokerNode node) {
        super(ApiKeys.DESCRIBE_CONFIGS, 1, 4);
        this.resources = new ConfigResources(node);
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DescribeConfigsRequestData body) {
        List<DescribeConfigsResult> results = new ArrayList<>();
        for (DescribeConfigsRequestData.DescribeConfigsResource resource : body.resources()) {
            DescribeConfigsResult result = new DescribeConfigsResult()
                    .setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName());
            try {
                result.setConfigs(entries(resource, body.includeSynonyms(), body.includeDocumentation()));
            } catch (RuntimeException e) {
                Failures.Failure failure = Failures.of(e);
                result.setErrorCode(failure.error().code()).setErrorMessage(failure.message());
            }
            results.add(result);
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponseData().setResults(results));
    }

    private List<DescribeConfigsResourceResult> entries(DescribeConfigsRequestData.DescribeConfigsResource resource,
                                                        boolean synonyms, boolean documentation) {
        Set<String> keys = resource.configurationKeys() == null ? null : new HashSet<>(resource.configurationKeys());
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        for (ConfigEntry entry : resources.describe(resource.resourceType(), resource.resourceName())) {
            if (keys != null && !keys.contains(entry.name())) {
                continue;
            }
            DescribeConfigsResourceResult result = new DescribeConfigsResourceResult()
                    .setName(entry.name())
                    .setValue(entry.sensitive() ? null : entry.value())
                    .setReadOnly(entry.readOnly())
                    .setConfigSource((byte) entry.source().id())
                    .setIsSensitive(entry.sensitive())
                    .setConfigType((byte) entry.type().id())
                    .setDocumentation(documentation ? entry.doc() : null)
                    .setSynonyms(new ArrayList<>());
            if (synonyms) {
                for (Synonym synonym : entry.synonyms()) {
                    result.synonyms().add(new DescribeConfigsSynonym().setName(synonym.name())
                            .setValue(entry.sensitive() ? null : synonym.value())
                            .setSource((byte) synonym.source().id()));
                }
            }
            out.add(result);
        }
        return out;
    }
}
