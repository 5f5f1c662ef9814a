package dev.sluice.bench.jmh;

import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.broker.network.SegmentSlice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's wire edge, through its own code: {@code RequestDecoder} turning a frame (length prefix
 * stripped, in a pooled direct buffer as the frame decoder hands it over) into a {@link KafkaRequest}, and
 * {@code ResponseEncoder} turning a response into the buffers and file regions written to the channel, which
 * are then released as the channel does once they are written.
 *
 * <p>Messages are what a Kafka 4.4 client and this broker exchange at their newest common versions (Produce
 * v13, Fetch v18, topics by id): a produce of one 100-record batch of 1 KiB values (about 100 KiB, sliced
 * rather than copied by the decoder), a consumer fetch of 8 partitions, a produce answer for one partition,
 * and a fetch answer carrying 1 MiB from a segment file (sent with sendfile, so only the headers are encoded).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {
    private static final short PRODUCE_VERSION = 13;
    private static final short FETCH_VERSION = 18;
    private static final int FETCH_PARTITIONS = 8;
    private static final int SLICE_BYTES = 1 << 20;
    private static final String DECODER = "dev.sluice.broker.network.RequestDecoder";
    private static final MethodHandle API_KEY_ID = Internals.staticMethod(DECODER, "apiKeyId",
            MethodType.methodType(short.class, ByteBuf.class));
    private static final MethodHandle API_VERSION = Internals.staticMethod(DECODER, "apiVersion",
            MethodType.methodType(short.class, ByteBuf.class));
    private static final MethodHandle DECODE = Internals.staticMethod(DECODER, "decode",
            MethodType.methodType(KafkaRequest.class, ByteBuf.class, ApiKeys.class, short.class,
                    Channel.class));
    private static final MethodHandle ENCODE = Internals.staticMethod("dev.sluice.broker.network.ResponseEncoder",
            "encode", MethodType.methodType(List.class, ByteBufAllocator.class, ApiKeys.class, short.class,
                    int.class, ApiMessage.class));

    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    /** Stands in for the connection a request arrives on; the decoder only notes it in the request. */
    private final Channel channel = new EmbeddedChannel();
    private ByteBuf produceFrame;
    private ByteBuf fetchFrame;
    private ProduceResponseData produceResponse;
    private FetchResponseData fetchResponse;
    private Path dir;
    private FileChannel segment;
    private int correlationId;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        Uuid topicId = Uuid.randomUuid();
        ByteBuffer batch = ProducerBatches.batch(1024, ProducerBatches.compression("none"), 0, 5L);
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
        produce.topicData().add(new ProduceRequestData.TopicProduceData().setTopicId(topicId)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(MemoryRecords.readableRecords(batch)))));
        produceFrame = frame(ApiKeys.PRODUCE, PRODUCE_VERSION, produce);

        List<FetchRequestData.FetchPartition> partitions = new ArrayList<>();
        for (int p = 0; p < FETCH_PARTITIONS; p++) {
            partitions.add(new FetchRequestData.FetchPartition().setPartition(p).setCurrentLeaderEpoch(3)
                    .setFetchOffset(1_000_000L + p).setLastFetchedEpoch(3).setPartitionMaxBytes(1 << 20));
        }
        FetchRequestData fetch = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(500).setMinBytes(1)
                .setMaxBytes(50 << 20).setIsolationLevel((byte) 0).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchRequestData.FetchTopic().setTopicId(topicId).setPartitions(partitions)));
        fetchFrame = frame(ApiKeys.FETCH, FETCH_VERSION, fetch);

        produceResponse = new ProduceResponseData();
        produceResponse.responses().add(new ProduceResponseData.TopicProduceResponse().setTopicId(topicId)
                .setPartitionResponses(List.of(new ProduceResponseData.PartitionProduceResponse().setIndex(0)
                        .setBaseOffset(1_234_500L).setLogAppendTimeMs(-1).setLogStartOffset(0))));

        dir = TempDirs.create("codec");
        Path file = dir.resolve("00000000000000000000.log");
        Files.write(file, new byte[SLICE_BYTES]);
        segment = FileChannel.open(file, StandardOpenOption.READ);
        fetchResponse = new FetchResponseData().setSessionId(0).setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse().setTopicId(topicId).setPartitions(List.of(
                        new FetchResponseData.PartitionData().setPartitionIndex(0).setHighWatermark(2_000_000L)
                                .setLastStableOffset(2_000_000L).setLogStartOffset(0)
                                .setRecords(new SegmentSlice(segment, 0, SLICE_BYTES))))));
    }

    /** A request frame as the length-field decoder passes it on: header and body, no size prefix. */
    private ByteBuf frame(ApiKeys key, short version, ApiMessage body) {
        short headerVersion = key.requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion(version)
                .setCorrelationId(42).setClientId("jmh-client");
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer bytes = ByteBuffer.allocate(size);
        ByteBufferAccessor out = new ByteBufferAccessor(bytes);
        header.write(out, cache, headerVersion);
        body.write(out, cache, version);
        bytes.flip();
        return allocator.directBuffer(size).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void release() throws Exception {
        produceFrame.release();
        fetchFrame.release();
        channel.close();
        segment.close();
        TempDirs.delete(dir);
    }

    @Benchmark
    public KafkaRequest decodeProduce() throws Throwable {
        return decode(produceFrame);
    }

    @Benchmark
    public KafkaRequest decodeFetch() throws Throwable {
        return decode(fetchFrame);
    }

    /** What the dispatcher does with each frame before it picks the handler's version range. */
    private KafkaRequest decode(ByteBuf frame) throws Throwable {
        short keyId = (short) API_KEY_ID.invokeExact(frame);
        short version = (short) API_VERSION.invokeExact(frame);
        ApiKeys key = ApiKeys.forId(keyId);
        return (KafkaRequest) DECODE.invokeExact(frame, key, version, channel);
    }

    @Benchmark
    public void encodeProduceResponse(Blackhole blackhole) throws Throwable {
        encode(ApiKeys.PRODUCE, PRODUCE_VERSION, produceResponse, blackhole);
    }

    @Benchmark
    public void encodeFetchResponse(Blackhole blackhole) throws Throwable {
        encode(ApiKeys.FETCH, FETCH_VERSION, fetchResponse, blackhole);
    }

    private void encode(ApiKeys key, short version, ApiMessage body, Blackhole blackhole) throws Throwable {
        @SuppressWarnings("unchecked")
        List<Object> parts = (List<Object>) ENCODE.invokeExact(allocator, key, version, correlationId++, body);
        for (Object part : parts) {
            blackhole.consume(part);
            ReferenceCountUtil.release(part);
        }
    }
}
