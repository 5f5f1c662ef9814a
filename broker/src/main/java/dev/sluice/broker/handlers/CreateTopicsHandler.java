package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.config.ConfigEntry;
import dev.sluice.config.TopicConfig;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResultCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics, including validate-only and manual assignments (which may only name this broker). The
 * answer carries the topic id, the resolved partition count and replication factor, and the effective
 * configs, as Kafka's does from version 5.
 */
public final class CreateTopicsHandler extends ApiHandler<CreateTopicsRequestData> {
    private final BrokerNode node;
    private final TopicCreation creation;

    public CreateTopicsHandler(BrokerNode node) {
        super(ApiKeys.CREATE_TOPICS, 2, 7);
        this.node = node;
        this.creation = new TopicCreation(node);
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, CreateTopicsRequestData body) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        body.topics().forEach(t -> {
            if (!seen.add(t.name())) {
                duplicated.add(t.name());
            }
        });
        CreatableTopicResultCollection results = new CreatableTopicResultCollection();
        for (CreatableTopic topic : body.topics()) {
            if (duplicated.contains(topic.name())) {
                if (results.find(topic.name()) == null) {
                    results.add(failure(topic.name(), Errors.INVALID_REQUEST,
                            "Create topics request from client `" + request.clientId() + "` contains multiple entries for topic " + topic.name() + "."));
                }
                continue;
            }
            results.add(create(topic, body.validateOnly()));
        }
        return CompletableFuture.completedFuture(new CreateTopicsResponseData().setTopics(results));
    }

    private CreatableTopicResult create(CreatableTopic topic, boolean validateOnly) {
        try {
            int partitions = topic.numPartitions();
            int replicationFactor = topic.replicationFactor();
            if (!topic.assignments().isEmpty()) {
                if (partitions != -1 || replicationFactor != -1) {
                    return failure(topic.name(), Errors.INVALID_REQUEST,
                            "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
                }
                String problem = Assignments.check(topic.assignments().stream().map(a -> a.brokerIds()).toList(), node.nodeId());
                if (problem != null) {
                    return failure(topic.name(), Errors.INVALID_REPLICA_ASSIGNMENT, problem);
                }
                partitions = topic.assignments().size();
                replicationFactor = topic.assignments().iterator().next().brokerIds().size();
            }
            Map<String, String> configs = new LinkedHashMap<>();
            topic.configs().forEach(c -> configs.put(c.name(), c.value()));
            TopicCreation.Plan plan = creation.plan(topic.name(), partitions, replicationFactor, configs);
            Uuid id = Uuid.ZERO_UUID;
            if (!validateOnly) {
                TopicMetadata created = creation.apply(plan);
                id = created.id();
            }
            return new CreatableTopicResult()
                    .setName(topic.name())
                    .setTopicId(id)
                    .setNumPartitions(plan.partitions())
                    .setReplicationFactor(plan.replicationFactor())
                    .setConfigs(describeConfigs(plan.configs()));
        } catch (RuntimeException e) {
            Failures.Failure failure = Failures.of(e);
            return failure(topic.name(), failure.error(), failure.message());
        }
    }

    private List<CreatableTopicConfigs> describeConfigs(Map<String, String> overrides) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (ConfigEntry entry : TopicConfig.resolve(node.config(), new HashMap<>(overrides)).describe()) {
            configs.add(new CreatableTopicConfigs()
                    .setName(entry.name())
                    .setValue(entry.sensitive() ? null : entry.value())
                    .setReadOnly(entry.readOnly())
                    .setConfigSource((byte) entry.source().id())
                    .setIsSensitive(entry.sensitive()));
        }
        return configs;
    }

    private static CreatableTopicResult failure(String name, Errors error, String message) {
        return new CreatableTopicResult().setName(name).setErrorCode(error.code()).setErrorMessage(message)
                .setNumPartitions(-1).setReplicationFactor((short) -1).setConfigs(null);
    }
}
