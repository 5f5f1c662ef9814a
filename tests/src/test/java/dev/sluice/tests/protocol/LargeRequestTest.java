package dev.sluice.tests.protocol;

import static dev.sluice.tests.protocol.RawRequests.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.tests.TestBroker;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Produce requests many times larger than a socket read, sent back to back in small writes, are gathered
 * whole and stored byte for byte, whether a piece was read into a buffer of its own or straight into the
 * frame's.
 */
class LargeRequestTest {
    private static final String TOPIC = "large-requests";
    /** A prime, so that writes end at every offset within a frame's reads. */
    private static final int WRITE_BYTES = 7919;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void produceRequestsSentInSmallWritesAreStoredByteForByte() throws Exception {
        // Under the 1 MiB the frame buffer keeps within the allocator's pools, over it, and small.
        int[] sizes = {900_000, 3_000_000, 5_000};
        Random random = new Random(7);
        List<byte[]> values = new ArrayList<>();
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            Uuid topicId = RawRequests.createTopic(connection, TOPIC, 1, Map.of("max.message.bytes", "4000000"));
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = 0; i < sizes.length; i++) {
                byte[] value = new byte[sizes[i]];
                random.nextBytes(value);
                values.add(value);
                MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                        new SimpleRecord(1_700_000_000_000L, value));
                stream.write(RawKafkaConnection.frame(ApiKeys.PRODUCE, RawRequests.PRODUCE_VERSION, 100 + i,
                        RawRequests.produceRequest(topicId, 0, records, (short) -1)));
            }
            byte[] bytes = stream.toByteArray();
            for (int at = 0; at < bytes.length; at += WRITE_BYTES) {
                connection.sendRaw(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + WRITE_BYTES)));
            }
            for (int i = 0; i < sizes.length; i++) {
                RawKafkaConnection.Response<ProduceResponseData> response =
                        connection.receive(ApiKeys.PRODUCE, RawRequests.PRODUCE_VERSION);
                assertEquals(100 + i, response.header().correlationId());
                ProduceResponseData.PartitionProduceResponse result = single(
                        single(response.body().responses(), "topic").partitionResponses(), "partition");
                assertEquals(Errors.NONE.code(), result.errorCode(), "request " + i + ": " + result.errorMessage());
                assertEquals(i, result.baseOffset());
            }
        }
        List<ConsumerRecord<byte[], byte[]>> read = RealClients.read(broker, new TopicPartition(TOPIC, 0), 0,
                sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(values.get(i), read.get(i).value(), "value " + i);
        }
    }
}
