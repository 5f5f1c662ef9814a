package dev.sluice.tests.protocol;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;

import static dev.sluice.tests.protocol.RawRequests.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samples of the APIs that read and write partitions: each request built for its version, its answer checked. */
final class DataApiSamples {
    private static final int ONE_MIB = 1 << 20;

    private final Supplier<RawKafkaConnection> connections;
    private final ApiSamples.Fixture fixture;
    private final Set<Long> producerIds = new HashSet<>();
    private Uuid produceTopicId;

    DataApiSamples(Supplier<RawKafkaConnection> connections, ApiSamples.Fixture fixture) {
        this.connections = connections;
        this.fixture = fixture;
    }

    private RawKafkaConnection connection() {
        return connections.get();
    }

    void produce(short v) throws IOException {
        String topic = "coverage-produce";
        if (produceTopicId == null) {
            produceTopicId = RawRequests.createTopic(connection(), topic, 1, Map.of());
        }
        long before = RawRequests.logEndOffset(connection(), topic, 0);
        boolean byId = v >= 13;
        ProduceRequestData.TopicProduceData target = byId
                ? new ProduceRequestData.TopicProduceData().setTopicId(produceTopicId)
                : new ProduceRequestData.TopicProduceData().setName(topic);
        target.setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                .setRecords(RecordBatches.of("produce-v" + v))));
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(target);
        ProduceResponseData response = connection().request(ApiKeys.PRODUCE, v,
                new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics));
        ProduceResponseData.TopicProduceResponse answered = single(response.responses(), "Produce v" + v + " topic");
        if (byId) {
            assertEquals(produceTopicId, answered.topicId(), "Produce v" + v + " topic id");
        } else {
            assertEquals(topic, answered.name(), "Produce v" + v + " topic name");
        }
        ProduceResponseData.PartitionProduceResponse partition = single(answered.partitionResponses(), "Produce v" + v + " partition");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "Produce v" + v + " error: " + partition.errorMessage());
        assertEquals(before, partition.baseOffset(), "Produce v" + v + " base offset");
        assertEquals(before + 1, RawRequests.logEndOffset(connection(), topic, 0), "log end offset after Produce v" + v);
    }

    void fetch(short v) throws IOException {
        boolean byId = v >= 13;
        FetchRequestData.FetchTopic topic = byId
                ? new FetchRequestData.FetchTopic().setTopicId(fixture.dataTopicId())
                : new FetchRequestData.FetchTopic().setTopic(fixture.dataTopic());
        topic.setPartitions(List.of(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                .setPartitionMaxBytes(ONE_MIB)));
        FetchRequestData request = new FetchRequestData().setMaxWaitMs(500).setMinBytes(1).setMaxBytes(ONE_MIB)
                .setTopics(List.of(topic));
        if (v <= 14) {
            request.setReplicaId(-1);
        }
        FetchResponseData response = connection().request(ApiKeys.FETCH, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "Fetch v" + v + " top-level error");
        FetchResponseData.FetchableTopicResponse answered = single(response.responses(), "Fetch v" + v + " topic");
        if (byId) {
            assertEquals(fixture.dataTopicId(), answered.topicId(), "Fetch v" + v + " topic id");
        } else {
            assertEquals(fixture.dataTopic(), answered.topic(), "Fetch v" + v + " topic name");
        }
        FetchResponseData.PartitionData partition = single(answered.partitions(), "Fetch v" + v + " partition");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "Fetch v" + v + " partition error");
        assertEquals(fixture.dataValues().size(), partition.highWatermark(), "Fetch v" + v + " high watermark");
        List<String> values = new ArrayList<>();
        long expectedOffset = 0;
        for (Record record : ((MemoryRecords) partition.records()).records()) {
            assertEquals(expectedOffset++, record.offset(), "Fetch v" + v + " record offset");
            values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
        }
        assertEquals(fixture.dataValues(), values, "Fetch v" + v + " record values");
    }

    void listOffsets(short v) throws IOException {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequestData.ListOffsetsTopic().setName(fixture.dataTopic()).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0)
                                .setTimestamp(RawRequests.LATEST_TIMESTAMP)))));
        ListOffsetsResponseData response = connection().request(ApiKeys.LIST_OFFSETS, v, request);
        ListOffsetsResponseData.ListOffsetsTopicResponse topic = single(response.topics(), "ListOffsets v" + v + " topic");
        assertEquals(fixture.dataTopic(), topic.name(), "ListOffsets v" + v + " topic");
        ListOffsetsResponseData.ListOffsetsPartitionResponse partition = single(topic.partitions(), "ListOffsets v" + v + " partition");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "ListOffsets v" + v + " error");
        assertEquals(fixture.dataValues().size(), partition.offset(), "ListOffsets v" + v + " latest offset");
        if (v >= 4) {
            assertEquals(fixture.leaderEpoch(), partition.leaderEpoch(), "ListOffsets v" + v + " leader epoch");
        }
    }

    void metadata(short v) throws IOException {
        MetadataRequestData request = new MetadataRequestData().setTopics(List.of(
                new MetadataRequestData.MetadataRequestTopic().setName(fixture.dataTopic())));
        if (v >= 4) {
            request.setAllowAutoTopicCreation(false);
        }
        MetadataResponseData response = connection().request(ApiKeys.METADATA, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "Metadata v" + v + " top-level error");
        MetadataResponseData.MetadataResponseBroker broker = single(response.brokers(), "Metadata v" + v + " broker");
        assertEquals(fixture.nodeId(), broker.nodeId(), "Metadata v" + v + " broker id");
        assertEquals(fixture.port(), broker.port(), "Metadata v" + v + " broker port");
        if (v >= 2) {
            assertEquals(fixture.clusterId(), response.clusterId(), "Metadata v" + v + " cluster id");
        }
        MetadataResponseData.MetadataResponseTopic topic = response.topics().find(fixture.dataTopic());
        assertNotNull(topic, "Metadata v" + v + " has no entry for " + fixture.dataTopic() + ": " + response);
        assertEquals(Errors.NONE.code(), topic.errorCode(), "Metadata v" + v + " topic error");
        assertEquals(fixture.nodeId(), single(topic.partitions(), "Metadata v" + v + " partition").leaderId(),
                "Metadata v" + v + " leader");
        if (v >= 10) {
            assertEquals(fixture.dataTopicId(), topic.topicId(), "Metadata v" + v + " topic id");
        }
    }

    void offsetForLeaderEpoch(short v) throws IOException {
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
                new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        topics.add(new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(fixture.dataTopic())
                .setPartitions(List.of(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0)
                        .setCurrentLeaderEpoch(fixture.leaderEpoch()).setLeaderEpoch(fixture.leaderEpoch()))));
        OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData().setTopics(topics);
        if (v >= 3) {
            request.setReplicaId(-1);
        }
        OffsetForLeaderEpochResponseData response = connection().request(ApiKeys.OFFSET_FOR_LEADER_EPOCH, v, request);
        OffsetForLeaderEpochResponseData.EpochEndOffset partition = single(single(response.topics(),
                "OffsetForLeaderEpoch v" + v + " topic").partitions(), "OffsetForLeaderEpoch v" + v + " partition");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "OffsetForLeaderEpoch v" + v + " error");
        assertEquals(fixture.leaderEpoch(), partition.leaderEpoch(), "OffsetForLeaderEpoch v" + v + " epoch");
        assertEquals(fixture.dataValues().size(), partition.endOffset(), "OffsetForLeaderEpoch v" + v + " end offset");
    }

    void deleteRecords(short v) throws IOException {
        String topic = "coverage-delete-records-v" + v;
        Uuid id = RawRequests.createTopic(connection(), topic, 1, Map.of());
        RawRequests.append(connection(), id, 0, RecordBatches.of("a", "b", "c"));
        DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(30_000).setTopics(List.of(
                new DeleteRecordsRequestData.DeleteRecordsTopic().setName(topic).setPartitions(List.of(
                        new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(2)))));
        DeleteRecordsResponseData response = connection().request(ApiKeys.DELETE_RECORDS, v, request);
        DeleteRecordsResponseData.DeleteRecordsPartitionResult partition = single(single(response.topics(),
                "DeleteRecords v" + v + " topic").partitions(), "DeleteRecords v" + v + " partition");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "DeleteRecords v" + v + " error");
        assertEquals(2, partition.lowWatermark(), "DeleteRecords v" + v + " low watermark");
    }

    void initProducerId(short v) throws IOException {
        InitProducerIdRequestData request = new InitProducerIdRequestData().setTransactionalId(null)
                .setTransactionTimeoutMs(60_000);
        InitProducerIdResponseData response = connection().request(ApiKeys.INIT_PRODUCER_ID, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "InitProducerId v" + v + " error");
        assertTrue(response.producerId() >= 0, "InitProducerId v" + v + " producer id " + response.producerId());
        assertEquals(0, response.producerEpoch(), "InitProducerId v" + v + " epoch");
        assertTrue(producerIds.add(response.producerId()), "InitProducerId v" + v + " reused producer id "
                + response.producerId());
    }
}
