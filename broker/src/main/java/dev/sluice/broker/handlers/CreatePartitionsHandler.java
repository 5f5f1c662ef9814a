package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.MetadataException;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** CreatePartitions: grows topics to a new total partition count, optionally validate-only. */
public final class CreatePartitionsHandler extends ApiHandler<CreatePartitionsRequestData> {
    private final BrokerNode node;

    public CreatePartitionsHandler(BrokerNode node) {
        super(ApiKeys.CREATE_PARTITIONS, 0, 3);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, CreatePartitionsRequestData body) {
        List<CreatePartitionsTopicResult> results = new ArrayList<>();
        for (CreatePartitionsRequestData.CreatePartitionsTopic topic : body.topics()) {
            results.add(grow(topic, body.validateOnly()));
        }
        return CompletableFuture.completedFuture(new CreatePartitionsResponseData().setResults(results));
    }

    private CreatePartitionsTopicResult grow(CreatePartitionsRequestData.CreatePartitionsTopic topic, boolean validateOnly) {
        CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(topic.name());
        try {
            TopicMetadata current = node.metadata().topic(topic.name());
            if (current == null) {
                throw new MetadataException(MetadataException.Reason.UNKNOWN_TOPIC,
                        "The topic '" + topic.name() + "' does not exist.");
            }
            if (current.name().equals(LogOffsetStore.TOPIC)) {
                return result.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code()).setErrorMessage("Cannot add "
                        + "partitions to internal topic " + current.name() + ": groups are placed by a hash over "
                        + "its partition count.");
            }
            if (topic.count() <= current.partitions()) {
                throw new MetadataException(MetadataException.Reason.INVALID_PARTITIONS, "Topic currently has "
                        + current.partitions() + " partitions, which is higher than or equal to the requested "
                        + topic.count() + ".");
            }
            if (topic.assignments() != null) {
                if (topic.assignments().size() != topic.count() - current.partitions()) {
                    return result.setErrorCode(Errors.INVALID_REPLICA_ASSIGNMENT.code()).setErrorMessage(
                            "Increasing the number of partitions by " + (topic.count() - current.partitions())
                                    + " but " + topic.assignments().size() + " assignments provided.");
                }
                String problem = Assignments.check(topic.assignments().stream().map(a -> a.brokerIds()).toList(), node.nodeId());
                if (problem != null) {
                    return result.setErrorCode(Errors.INVALID_REPLICA_ASSIGNMENT.code()).setErrorMessage(problem);
                }
            }
            if (!validateOnly) {
                node.metadata().addPartitions(topic.name(), topic.count());
            }
            return result;
        } catch (RuntimeException e) {
            Failures.Failure failure = Failures.of(e);
            return result.setErrorCode(failure.error().code()).setErrorMessage(failure.message());
        }
    }
}
