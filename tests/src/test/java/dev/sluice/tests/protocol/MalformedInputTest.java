package dev.sluice.tests.protocol;

import dev.sluice.tests.TestBroker;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed frames and damaged record batches, each on its own connection: frames that cannot be parsed
 * close that connection and are counted; batches that parse but fail validation are refused with the
 * partition's error code and leave the log untouched. After every case a real client still works.
 */
class MalformedInputTest {
    private static final int MAX_REQUEST_BYTES = 1_048_576;
    private static final String TOPIC = "malformed-target";
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of("socket.request.max.bytes", Integer.toString(MAX_REQUEST_BYTES)));
    private static Uuid topicId;

    @BeforeAll
    static void start() throws Exception {
        try (RawKafkaConnection connection = open()) {
            topicId = RawRequests.createTopic(connection, TOPIC, 1, Map.of());
            RawRequests.append(connection, topicId, 0, RecordBatches.of("first", "second"));
        }
    }

    @AfterEach
    void brokerStillServesRealClients() throws Exception {
        RealClients.assertRoundTrip(broker, TOPIC);
    }

    private static RawKafkaConnection open() throws Exception {
        return RawKafkaConnection.open(broker.broker().port());
    }

    private static long rejectedFrames() {
        return broker.broker().connectionStats().rejectedFrames();
    }

    /** Sends the bytes on a fresh connection and asserts the broker closes it and counts a rejected frame. */
    private static void assertRejected(byte[] bytes, String why) throws Exception {
        long before = rejectedFrames();
        try (RawKafkaConnection connection = open()) {
            connection.sendRaw(bytes);
            connection.assertClosedByBroker(why);
        }
        Await.until(() -> rejectedFrames() > before, RawKafkaConnection.DEFAULT_TIMEOUT,
                "rejected-frame count rose after: " + why);
    }

    private static byte[] metadataFrame() {
        return RawKafkaConnection.frame(ApiKeys.METADATA, RawRequests.METADATA_VERSION, 5,
                new MetadataRequestData().setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(TOPIC))));
    }

    private static byte[] withLength(byte[] payload, int length) {
        return ByteBuffer.allocate(4 + payload.length).putInt(length).put(payload).array();
    }

    @Test
    void httpRequestOnTheKafkaPortIsRejected() throws Exception {
        assertRejected("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "an HTTP request reads as a frame far larger than socket.request.max.bytes");
    }

    @Test
    void garbageFrameIsRejected() throws Exception {
        byte[] garbage = new byte[48];
        Arrays.fill(garbage, (byte) 0xA7);
        assertRejected(withLength(garbage, garbage.length), "a frame of garbage bytes");
    }

    @Test
    void frameLargerThanSocketRequestMaxBytesIsRejectedBeforeItArrives() throws Exception {
        assertRejected(withLength(new byte[64], MAX_REQUEST_BYTES + 1), "length prefix above socket.request.max.bytes");
    }

    @Test
    void negativeLengthIsRejected() throws Exception {
        assertRejected(withLength(new byte[16], -1), "negative length prefix");
    }

    @Test
    void unknownApiKeyIsRejected() throws Exception {
        byte[] frame = metadataFrame();
        ByteBuffer.wrap(frame).putShort(4, (short) 32_000);
        assertRejected(frame, "API key 32000 does not exist");
    }

    @Test
    void apiKeyTheBrokerDoesNotServeIsRejected() throws Exception {
        byte[] frame = RawKafkaConnection.frame(ApiKeys.SASL_HANDSHAKE, (short) 1, 5,
                new SaslHandshakeRequestData().setMechanism("PLAIN"));
        assertRejected(frame, "SaslHandshake is not served");
    }

    @Test
    void truncatedBodyIsRejected() throws Exception {
        byte[] frame = metadataFrame();
        int keep = frame.length - 4 - 3;
        assertRejected(withLength(Arrays.copyOfRange(frame, 4, 4 + keep), keep), "Metadata body cut short by 3 bytes");
    }

    @Test
    void trailingBytesAfterAValidBodyAreRejected() throws Exception {
        byte[] frame = metadataFrame();
        byte[] payload = Arrays.copyOf(Arrays.copyOfRange(frame, 4, frame.length), frame.length - 4 + 5);
        assertRejected(withLength(payload, payload.length), "5 bytes after a complete Metadata body");
    }

    @Test
    void batchWithWrongCrcIsRefusedWithCorruptMessageAndNotAppended() throws Exception {
        assertRefused(RecordBatches.withBadCrc(RecordBatches.of("crc-a", "crc-b")), Errors.CORRUPT_MESSAGE);
    }

    @Test
    void batchWithWrongMagicByteIsRefused() throws Exception {
        for (byte magic : new byte[] {1, 3}) {
            try (RawKafkaConnection connection = open()) {
                long end = RawRequests.logEndOffset(connection, TOPIC, 0);
                ProduceResponseData.PartitionProduceResponse result = RawRequests.produce(connection, topicId, 0,
                        RecordBatches.withMagic(RecordBatches.of("magic"), magic));
                assertNotEquals(Errors.NONE.code(), result.errorCode(), "batch with magic " + magic + " accepted");
                assertEquals(end, RawRequests.logEndOffset(connection, TOPIC, 0), "log end after magic " + magic);
            }
        }
    }

    /**
     * The CRC is valid, so this is not corruption but a batch that fails validation: Kafka answers
     * INVALID_RECORD, which producers do not retry (CORRUPT_MESSAGE is retriable and would be retried until the
     * delivery timeout).
     */
    @Test
    void recordCountNotMatchingTheRecordsIsRefusedAsInvalidRecord() throws Exception {
        MemoryRecords batch = RecordBatches.of("count-a", "count-b", "count-c");
        assertRefused(RecordBatches.withRecordCount(batch, 4), Errors.INVALID_RECORD);
        assertRefused(RecordBatches.withRecordCount(batch, 2), Errors.INVALID_RECORD);
    }

    @Test
    void batchLargerThanTheTopicsMaxMessageBytesIsRefusedWithMessageTooLarge() throws Exception {
        try (RawKafkaConnection connection = open()) {
            String topic = "malformed-small-messages";
            Uuid id = RawRequests.createTopic(connection, topic, 1, Map.of("max.message.bytes", "1024"));
            ProduceResponseData.PartitionProduceResponse result = RawRequests.produce(connection, id, 0,
                    RecordBatches.ofSize(4096));
            assertEquals(Errors.MESSAGE_TOO_LARGE.code(), result.errorCode(), "error for a 4 KiB batch: "
                    + Errors.forCode(result.errorCode()) + " " + result.errorMessage());
            assertEquals(0, RawRequests.logEndOffset(connection, topic, 0), "log end after the refused batch");
            assertEquals(0, RawRequests.append(connection, id, 0, RecordBatches.ofSize(100)),
                    "a batch under the limit is appended at offset 0");
        }
    }

    @Test
    void invalidTopicNameInCreateTopicsIsRefusedWithAMessage() throws Exception {
        try (RawKafkaConnection connection = open()) {
            for (String name : List.of("bad/name", "spaces are invalid", "..", "")) {
                CreateTopicsResponseData.CreatableTopicResult result =
                        RawRequests.createTopicResult(connection, name, 1, Map.of());
                assertEquals(Errors.INVALID_TOPIC_EXCEPTION.code(), result.errorCode(), "error for topic name '" + name + "'");
                assertNotNull(result.errorMessage(), "error message for topic name '" + name + "'");
                assertFalse(result.errorMessage().isBlank(), "error message for topic name '" + name + "'");
            }
        }
    }

    @Test
    void acksZeroProduceWithCorruptBatchClosesTheConnection() throws Exception {
        try (RawKafkaConnection connection = open()) {
            long end = RawRequests.logEndOffset(connection, TOPIC, 0);
            connection.send(ApiKeys.PRODUCE, RawRequests.PRODUCE_VERSION, RawRequests.produceRequest(topicId, 0,
                    RecordBatches.withBadCrc(RecordBatches.of("acks-zero")), (short) 0));
            connection.assertClosedByBroker("a failed acks=0 produce is reported by closing the connection");
            try (RawKafkaConnection check = open()) {
                assertEquals(end, RawRequests.logEndOffset(check, TOPIC, 0), "log end after the corrupt acks=0 batch");
            }
        }
    }

    @Test
    void clientDisconnectingMidFrameDoesNotDisturbOthers() throws Exception {
        try (RawKafkaConnection bystander = open()) {
            apiVersions(bystander);
            long openBefore = broker.broker().connectionStats().open();
            try (RawKafkaConnection leaving = open()) {
                byte[] frame = metadataFrame();
                leaving.sendRaw(Arrays.copyOf(frame, frame.length / 2));
                apiVersions(bystander);
            }
            Await.until(() -> broker.broker().connectionStats().open() <= openBefore, RawKafkaConnection.DEFAULT_TIMEOUT,
                    "the half-sent connection is released");
            apiVersions(bystander);
            assertTrue(RawRequests.logEndOffset(bystander, TOPIC, 0) >= 2, "the bystander still reads offsets");
        }
    }

    private static void apiVersions(RawKafkaConnection connection) throws Exception {
        ApiVersionsResponseData response = connection.request(ApiKeys.API_VERSIONS, (short) 3,
                new ApiVersionsRequestData().setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0"));
        assertEquals(Errors.NONE.code(), response.errorCode(), "ApiVersions error");
    }

    /** Produces the damaged batch, expects {@code expected} for the partition, and the log end unchanged. */
    @Test
    void twoBatchesForOnePartitionAreRefusedAsKafkaDoesFromProduceV3() throws Exception {
        ByteBuffer first = RecordBatches.of("one").buffer();
        ByteBuffer second = RecordBatches.of("two").buffer();
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
        assertRefused(MemoryRecords.readableRecords(both), Errors.INVALID_RECORD);
    }

    @Test
    void transactionalRecordsWithoutATransactionalIdAreRefused() throws Exception {
        MemoryRecords transactional = MemoryRecords.withTransactionalRecords(Compression.NONE, 42L, (short) 0, 0,
                new SimpleRecord(1_700_000_000_000L, "txn".getBytes(StandardCharsets.UTF_8)));
        assertRefused(transactional, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    }

    @Test
    void compressedBatchesWhoseRecordsDisagreeWithTheirHeaderAreRefused() throws Exception {
        for (Compression compression : List.of(Compression.lz4().build(), Compression.zstd().build())) {
            MemoryRecords batch = RecordBatches.compressed(compression, "one", "two");
            assertRefused(RecordBatches.declaringRecords(batch, 3), Errors.INVALID_RECORD);
            assertRefused(RecordBatches.declaringRecords(batch, 1), Errors.INVALID_RECORD);
        }
    }

    @Test
    void zstdBatchesNeedProduceV7AsInKafka() throws Exception {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(TOPIC).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(RecordBatches.compressed(Compression.zstd().build(), "zstd")))));
        ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics);
        try (RawKafkaConnection connection = open()) {
            long end = RawRequests.logEndOffset(connection, TOPIC, 0);
            ProduceResponseData.PartitionProduceResponse v6 = RawRequests.single(RawRequests.single(
                    connection.<ProduceResponseData>request(ApiKeys.PRODUCE, (short) 6, request).responses(), "topic")
                    .partitionResponses(), "partition");
            assertEquals(Errors.UNSUPPORTED_COMPRESSION_TYPE.code(), v6.errorCode(), "zstd on Produce v6");
            assertEquals(end, RawRequests.logEndOffset(connection, TOPIC, 0), "log end after the refused batch");
            ProduceResponseData.PartitionProduceResponse v7 = RawRequests.single(RawRequests.single(
                    connection.<ProduceResponseData>request(ApiKeys.PRODUCE, (short) 7, request).responses(), "topic")
                    .partitionResponses(), "partition");
            assertEquals(Errors.NONE.code(), v7.errorCode(), "zstd on Produce v7");
            assertEquals(end, v7.baseOffset());
        }
    }

    @Test
    void metadataBeforeVersion12CannotNameATopicById() throws Exception {
        try (RawKafkaConnection connection = open()) {
            MetadataRequestData request = new MetadataRequestData().setTopics(List.of(
                    new MetadataRequestData.MetadataRequestTopic().setName(null).setTopicId(topicId)));
            MetadataResponseData response = connection.request(ApiKeys.METADATA, (short) 10, request);
            assertEquals(Errors.INVALID_REQUEST.code(), response.topics().iterator().next().errorCode());
        }
    }

    @Test
    void produceByTopicIdToAMissingPartitionIsUnknownPartitionNotUnknownTopic() throws Exception {
        try (RawKafkaConnection connection = open()) {
            ProduceResponseData.PartitionProduceResponse result = RawRequests.produce(connection, topicId, 7,
                    RecordBatches.of("nowhere"));
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), result.errorCode());
            assertEquals(Errors.UNKNOWN_TOPIC_ID.code(), RawRequests.produce(connection, Uuid.randomUuid(), 0,
                    RecordBatches.of("nowhere")).errorCode());
        }
    }

    private static void assertRefused(MemoryRecords batch, Errors expected) throws Exception {
        try (RawKafkaConnection connection = open()) {
            long end = RawRequests.logEndOffset(connection, TOPIC, 0);
            ProduceResponseData.PartitionProduceResponse result = RawRequests.produce(connection, topicId, 0, batch);
            assertEquals(expected.code(), result.errorCode(), "expected " + expected + ", got "
                    + Errors.forCode(result.errorCode()) + " " + result.errorMessage());
            assertEquals(-1, result.baseOffset(), "base offset of a refused batch");
            assertEquals(end, RawRequests.logEndOffset(connection, TOPIC, 0), "log end after the refused batch");
            assertEquals(end, RawRequests.append(connection, topicId, 0, RecordBatches.of("after-refusal")),
                    "the next valid batch lands right at the old log end");
        }
    }
}
