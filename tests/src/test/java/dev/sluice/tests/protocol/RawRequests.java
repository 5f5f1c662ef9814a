package dev.sluice.tests.protocol;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The few requests tests need to set the stage over a raw connection (create a topic, learn its id,
 * append, read the log end offset), each sent at the newest version the broker serves and checked for
 * success, so a failing setup names its cause instead of failing later.
 */
final class RawRequests {
    static final short PRODUCE_VERSION = 13;
    static final short METADATA_VERSION = 13;
    static final short CREATE_TOPICS_VERSION = 7;
    static final short LIST_OFFSETS_VERSION = 11;
    static final long LATEST_TIMESTAMP = -1;

    private RawRequests() {
    }

    /** The only element, or an AssertionError saying what was expected: clearer than an index error. */
    static <T> T single(Collection<T> items, String what) {
        if (items == null || items.size() != 1) {
            throw new AssertionError("expected exactly one " + what + ", got " + items);
        }
        return items.iterator().next();
    }

    /** Creates a topic with one replica and returns its id. */
    static Uuid createTopic(RawKafkaConnection connection, String name, int partitions, Map<String, String> configs)
            throws IOException {
        CreateTopicsResponseData.CreatableTopicResult result = createTopicResult(connection, name, partitions, configs);
        if (result.errorCode() != Errors.NONE.code()) {
            throw new AssertionError("creating topic " + name + " failed: " + Errors.forCode(result.errorCode())
                    + " " + result.errorMessage());
        }
        return result.topicId();
    }

    static CreateTopicsResponseData.CreatableTopicResult createTopicResult(RawKafkaConnection connection, String name,
                                                                           int partitions, Map<String, String> configs)
            throws IOException {
        CreateTopicsRequestData.CreatableTopicConfigCollection topicConfigs =
                new CreateTopicsRequestData.CreatableTopicConfigCollection();
        configs.forEach((k, v) -> topicConfigs.add(new CreateTopicsRequestData.CreatableTopicConfig().setName(k).setValue(v)));
        CreateTopicsRequestData.CreatableTopicCollection topics = new CreateTopicsRequestData.CreatableTopicCollection();
        topics.add(new CreateTopicsRequestData.CreatableTopic().setName(name).setNumPartitions(partitions)
                .setReplicationFactor((short) 1).setConfigs(topicConfigs));
        CreateTopicsResponseData response = connection.request(ApiKeys.CREATE_TOPICS, CREATE_TOPICS_VERSION,
                new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(30_000));
        CreateTopicsResponseData.CreatableTopicResult result = response.topics().find(name);
        if (result == null) {
            throw new AssertionError("CreateTopics response does not mention " + name + ": " + response);
        }
        return result;
    }

    /** The id of an existing topic, from Metadata without auto-creation. */
    static Uuid topicId(RawKafkaConnection connection, String name) throws IOException {
        MetadataResponseData.MetadataResponseTopic topic = metadata(connection, name);
        if (topic.errorCode() != Errors.NONE.code()) {
            throw new AssertionError("metadata of " + name + ": " + Errors.forCode(topic.errorCode()));
        }
        return topic.topicId();
    }

    static MetadataResponseData.MetadataResponseTopic metadata(RawKafkaConnection connection, String name)
            throws IOException {
        MetadataResponseData response = metadataResponse(connection, name);
        MetadataResponseData.MetadataResponseTopic topic = response.topics().find(name);
        if (topic == null) {
            throw new AssertionError("Metadata response does not mention " + name + ": " + response);
        }
        return topic;
    }

    /** Metadata of one topic (and the brokers), without auto-creation. */
    static MetadataResponseData metadataResponse(RawKafkaConnection connection, String name) throws IOException {
        MetadataRequestData request = new MetadataRequestData()
                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(name)))
                .setAllowAutoTopicCreation(false);
        return connection.request(ApiKeys.METADATA, METADATA_VERSION, request);
    }

    /** Produce by topic id with acks=all; the partition's result, whatever its error. */
    static ProduceResponseData.PartitionProduceResponse produce(RawKafkaConnection connection, Uuid topicId,
                                                                int partition, MemoryRecords records) throws IOException {
        ProduceResponseData response = connection.request(ApiKeys.PRODUCE, PRODUCE_VERSION,
                produceRequest(topicId, partition, records, (short) -1));
        ProduceResponseData.TopicProduceResponse topic = single(response.responses(), "topic in the Produce response");
        if (!topic.topicId().equals(topicId)) {
            throw new AssertionError("Produce response for another topic: " + response);
        }
        return single(topic.partitionResponses(), "partition in the Produce response");
    }

    static ProduceRequestData produceRequest(Uuid topicId, int partition, MemoryRecords records, short acks) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setTopicId(topicId).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records))));
        return new ProduceRequestData().setAcks(acks).setTimeoutMs(30_000).setTopicData(topics);
    }

    /** Appends and fails unless the append succeeded; returns the base offset. */
    static long append(RawKafkaConnection connection, Uuid topicId, int partition, MemoryRecords records)
            throws IOException {
        ProduceResponseData.PartitionProduceResponse result = produce(connection, topicId, partition, records);
        if (result.errorCode() != Errors.NONE.code()) {
            throw new AssertionError("append failed: " + Errors.forCode(result.errorCode()) + " " + result.errorMessage());
        }
        return result.baseOffset();
    }

    /** The offset the next appended record will get (ListOffsets latest; one replica, so it is the log end). */
    static long logEndOffset(RawKafkaConnection connection, String topic, int partition) throws IOException {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(partition)
                                .setTimestamp(LATEST_TIMESTAMP)))));
        ListOffsetsResponseData response = connection.request(ApiKeys.LIST_OFFSETS, LIST_OFFSETS_VERSION, request);
        ListOffsetsResponseData.ListOffsetsPartitionResponse result = single(
                single(response.topics(), "topic in the ListOffsets response").partitions(), "partition in the ListOffsets response");
        if (result.errorCode() != Errors.NONE.code()) {
            throw new AssertionError("ListOffsets of " + topic + "-" + partition + ": " + Errors.forCode(result.errorCode()));
        }
        return result.offset();
    }
}
