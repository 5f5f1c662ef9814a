package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResultCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteTopics by name, or by topic id from version 6. Refused when {@code delete.topic.enable} is off. */
public final class DeleteTopicsHandler extends ApiHandler<DeleteTopicsRequestData> {
    private final BrokerNode node;

    public DeleteTopicsHandler(BrokerNode node) {
        super(ApiKeys.DELETE_TOPICS, 1, 6);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DeleteTopicsRequestData body) {
        List<DeleteTopicsRequestData.DeleteTopicState> targets = new ArrayList<>(body.topics());
        body.topicNames().forEach(n -> targets.add(new DeleteTopicsRequestData.DeleteTopicState().setName(n)));
        DeletableTopicResultCollection results = new DeletableTopicResultCollection();
        for (DeleteTopicsRequestData.DeleteTopicState target : targets) {
            results.add(delete(target));
        }
        return CompletableFuture.completedFuture(new DeleteTopicsResponseData().setResponses(results));
    }

    private DeletableTopicResult delete(DeleteTopicsRequestData.DeleteTopicState target) {
        DeletableTopicResult result = new DeletableTopicResult().setName(target.name()).setTopicId(target.topicId());
        boolean byId = target.name() == null;
        TopicMetadata topic = byId ? node.metadata().topic(target.topicId()) : node.metadata().topic(target.name());
        if (!node.config().deleteTopicEnable()) {
            return result.setErrorCode(Errors.TOPIC_DELETION_DISABLED.code())
                    .setErrorMessage("Topic deletion is disabled (delete.topic.enable=false).");
        }
        if (topic == null) {
            Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            return result.setErrorCode(error.code()).setErrorMessage(error.message());
        }
        if (topic.name().equals(LogOffsetStore.TOPIC)) {
            return result.setName(topic.name()).setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code())
                    .setErrorMessage("Cannot delete internal topic " + topic.name()
                            + ": it holds the committed offsets of every consumer group.");
        }
        try {
            if (byId) {
                node.metadata().deleteTopic(target.topicId());
            } else {
                node.metadata().deleteTopic(topic.name());
            }
            return result.setName(topic.name()).setTopicId(topic.id());
        } catch (RuntimeException e) {
            Failures.Failure failure = Failures.of(e);
            return result.setErrorCode(failure.error().code()).setErrorMessage(failure.message());
        }
    }
}
