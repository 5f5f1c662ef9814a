package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch for consumers: whole stored batches from each partition, sent from the segment files with
 * sendfile. When less than {@code min_bytes} is available the request waits, up to {@code max_wait_ms},
 * and is woken by appends to any of its partitions.
 *
 * <p>Fetch sessions (KIP-227) are not kept: every answer carries session id 0, which tells clients to keep
 * sending full fetch requests.
 */
public final class FetchHandler extends ApiHandler<FetchRequestData> {
    private final BrokerNode node;
    private final Purgatory purgatory;

    public FetchHandler(BrokerNode node, Purgatory purgatory) {
        super(ApiKeys.FETCH, 4, 18);
        this.node = node;
        this.purgatory = purgatory;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, FetchRequestData body) {
        if (body.sessionId() != 0) {
            return CompletableFuture.completedFuture(new FetchResponseData()
                    .setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code()).setSessionId(0));
        }
        FetchPlan plan = plan(request.version(), body);
        FetchPlan.Result first = plan.read();
        if (first.bytes() >= body.minBytes() || body.maxWaitMs() <= 0 || first.hasErrors() || plan.isEmpty()) {
            return CompletableFuture.completedFuture(first.countedResponse());
        }
        return new DelayedFetch(plan, request, body.maxWaitMs(), body.minBytes(), purgatory).start();
    }

    private FetchPlan plan(short version, FetchRequestData body) {
        boolean byId = version >= 13;
        boolean readCommitted = body.isolationLevel() == 1;
        List<FetchPlan.Target> targets = new ArrayList<>();
        for (FetchRequestData.FetchTopic topic : body.topics()) {
            String name = byId ? nameOf(topic) : topic.topic();
            for (FetchRequestData.FetchPartition p : topic.partitions()) {
                Partition partition = name == null ? null : node.replicas().partition(new TopicPartition(name, p.partition()));
                if (partition != null && byId && !partition.topicId().equals(topic.topicId())) {
                    partition = null;
                }
                Errors error = Errors.NONE;
                if (partition == null) {
                    error = byId && name == null ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                } else {
                    error = LeaderEpochs.check(p.currentLeaderEpoch(), partition.leaderEpoch());
                }
                targets.add(new FetchPlan.Target(topic.topic(), topic.topicId(), p.partition(), partition, error,
                        p.fetchOffset(), p.partitionMaxBytes()));
            }
        }
        return new FetchPlan(targets, body.maxBytes(), readCommitted);
    }

    private String nameOf(FetchRequestData.FetchTopic topic) {
        var metadata = node.metadata().topic(topic.topicId());
        return metadata == null ? null : metadata.name();
    }
}
