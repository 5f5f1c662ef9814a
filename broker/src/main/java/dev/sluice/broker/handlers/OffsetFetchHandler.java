package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.CommittedOffset;
import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch, v1 to v10: one group (v1-7) or several (v8+), named partitions or all the group has committed
 * (null topics, v2+), topics by id from v10. Partitions without a commit answer offset -1. Without
 * transactions no offset is ever pending, so {@code require_stable} needs no wait.
 */
public final class OffsetFetchHandler extends ApiHandler<OffsetFetchRequestData> {
    private static final short FIRST_VERSION_WITH_GROUP_ERROR = 2;
    private static final short FIRST_MULTI_GROUP_VERSION = 8;
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 10;
    private final BrokerNode node;
    private final GroupCoordinator coordinator;

    public OffsetFetchHandler(BrokerNode node, GroupCoordinator coordinator) {
        super(ApiKeys.OFFSET_FETCH, 1, 10);
        this.node = node;
        this.coordinator = coordinator;
    }

    /** One requested topic: its name (null when its id is unknown), id and partitions (null: all committed). */
    private record Wanted(String name, Uuid id, List<Integer> partitions) {
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, OffsetFetchRequestData body) {
        OffsetFetchResponseData response = new OffsetFetchResponseData();
        if (request.version() < FIRST_MULTI_GROUP_VERSION) {
            List<Wanted> wanted = null;
            if (body.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopic t : body.topics()) {
                    wanted.add(new Wanted(t.name(), Uuid.ZERO_UUID, t.partitionIndexes()));
                }
            }
            List<OffsetFetchResponseTopic> topics = new ArrayList<>();
            boolean available = coordinator.available(body.groupId());
            if (!available && request.version() >= FIRST_VERSION_WITH_GROUP_ERROR) {
                return CompletableFuture.completedFuture(response.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
                        .setTopics(topics));
            }
            for (OffsetFetchResponseTopics t : fetch(body.groupId(), wanted, false)) {
                List<OffsetFetchResponsePartition> partitions = new ArrayList<>();
                for (OffsetFetchResponsePartitions p : t.partitions()) {
                    partitions.add(new OffsetFetchResponsePartition().setPartitionIndex(p.partitionIndex())
                            .setCommittedOffset(p.committedOffset()).setCommittedLeaderEpoch(p.committedLeaderEpoch())
                            .setMetadata(p.metadata()).setErrorCode(available ? p.errorCode()
                                    : Errors.COORDINATOR_NOT_AVAILABLE.code()));
                }
                topics.add(new OffsetFetchResponseTopic().setName(t.name()).setPartitions(partitions));
            }
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.NONE.code()).setTopics(topics));
        }
        boolean byId = request.version() >= FIRST_VERSION_WITH_TOPIC_IDS;
        List<OffsetFetchResponseGroup> groups = new ArrayList<>();
        for (OffsetFetchRequestData.OffsetFetchRequestGroup group : body.groups()) {
            List<Wanted> wanted = null;
            if (group.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestData.OffsetFetchRequestTopics t : group.topics()) {
                    String name = t.name();
                    if (byId) {
                        TopicMetadata topic = node.metadata().topic(t.topicId());
                        name = topic == null ? null : topic.name();
                    }
                    wanted.add(new Wanted(name, t.topicId(), t.partitionIndexes()));
                }
            }
            if (!coordinator.available(group.groupId())) {
                groups.add(new OffsetFetchResponseGroup().setGroupId(group.groupId())
                        .setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()));
                continue;
            }
            groups.add(new OffsetFetchResponseGroup().setGroupId(group.groupId()).setErrorCode(Errors.NONE.code())
                    .setTopics(fetch(group.groupId(), wanted, byId)));
        }
        return CompletableFuture.completedFuture(response.setGroups(groups));
    }

    private List<OffsetFetchResponseTopics> fetch(String groupId, List<Wanted> wanted, boolean byId) {
        if (wanted == null) {
            return everything(groupId, byId);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (Wanted w : wanted) {
            if (w.name() != null) {
                w.partitions().forEach(p -> partitions.add(new TopicPartition(w.name(), p)));
            }
        }
        Map<TopicPartition, CommittedOffset> committed = coordinator.committed(groupId, partitions);
        List<OffsetFetchResponseTopics> topics = new ArrayList<>();
        for (Wanted w : wanted) {
            List<OffsetFetchResponsePartitions> results = new ArrayList<>();
            for (int p : w.partitions()) {
                OffsetFetchResponsePartitions result = partition(p, w.name() == null ? null
                        : committed.get(new TopicPartition(w.name(), p)));
                if (w.name() == null) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code());
                }
                results.add(result);
            }
            topics.add(new OffsetFetchResponseTopics().setName(byId ? "" : w.name()).setTopicId(w.id())
                    .setPartitions(results));
        }
        return topics;
    }

    /** All the group's commits, by topic; by id, only topics that still exist can be named. */
    private List<OffsetFetchResponseTopics> everything(String groupId, boolean byId) {
        Map<String, List<OffsetFetchResponsePartitions>> byTopic = new TreeMap<>();
        coordinator.committed(groupId, null).forEach((partition, offset) -> byTopic
                .computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                .add(partition(partition.partition(), offset)));
        List<OffsetFetchResponseTopics> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> {
            Uuid id = Uuid.ZERO_UUID;
            if (byId) {
                TopicMetadata topic = node.metadata().topic(name);
                if (topic == null) {
                    return;
                }
                id = topic.id();
            }
            topics.add(new OffsetFetchResponseTopics().setName(byId ? "" : name).setTopicId(id).setPartitions(partitions));
        });
        return topics;
    }

    private static OffsetFetchResponsePartitions partition(int index, CommittedOffset offset) {
        OffsetFetchResponsePartitions result = new OffsetFetchResponsePartitions().setPartitionIndex(index)
                .setErrorCode(Errors.NONE.code());
        if (offset == null) {
            return result.setCommittedOffset(-1).setCommittedLeaderEpoch(-1).setMetadata("");
        }
        return result.setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata());
    }
}
