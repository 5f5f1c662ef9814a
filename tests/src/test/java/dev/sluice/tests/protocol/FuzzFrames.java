package dev.sluice.tests.protocol;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates fuzz frames from one seeded {@link Random}: garbage, and valid Produce, Fetch, Metadata,
 * ListOffsets, CreateTopics and ApiVersions requests mutated by bit flips, byte overwrites, truncation,
 * extension, a rewritten API key or version, or a length prefix that lies. Requests the broker may
 * legitimately hold for long (a Fetch waiting seconds for data) or that ask for heavy work (thousands of
 * partitions) are regenerated, so any wait past the read timeout is the broker's fault.
 *
 * <p>Not thread-safe; the sequence is a pure function of the seed and the advertised table.
 */
final class FuzzFrames {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF};
    private static final List<ApiKeys> BASE_APIS = List.of(ApiKeys.PRODUCE, ApiKeys.FETCH, ApiKeys.METADATA,
            ApiKeys.LIST_OFFSETS, ApiKeys.CREATE_TOPICS, ApiKeys.API_VERSIONS);
    private static final int MAX_WAIT_MS = 1_000;
    private static final int MAX_NEW_PARTITIONS = 16;
    private static final int MAX_METADATA_TOPICS = 20;

    /**
     * One thing to send. {@code firstFrame} is the payload of the frame the broker will see first, if it sees
     * a complete one; {@code halfClose} asks the sender to end its output afterwards because the bytes do
     * not end on a frame boundary.
     */
    record FuzzCase(String description, byte[] bytes, byte[] firstFrame, boolean halfClose) {
    }

    /** A frame payload that the codec parses completely as a request. */
    record Decoded(ApiKeys key, short version, int correlationId, ApiMessage body) {
    }

    private final Random random;
    private final int maxFrameBytes;
    private final String topic;
    private final Uuid topicId;
    private final ApiVersionsResponseData.ApiVersionCollection advertised;
    private int created;
    private int skipped;

    FuzzFrames(Random random, int maxFrameBytes, String topic, Uuid topicId,
               ApiVersionsResponseData.ApiVersionCollection advertised) {
        this.random = random;
        this.maxFrameBytes = maxFrameBytes;
        this.topic = topic;
        this.topicId = topicId;
        this.advertised = advertised;
    }

    /** Cases regenerated because they would legitimately wait or do heavy work. */
    int skipped() {
        return skipped;
    }

    FuzzCase next(int correlationId) {
        while (true) {
            FuzzCase fuzz = mutate(baseFrame(correlationId));
            Decoded decoded = fuzz.firstFrame() == null ? null : decode(fuzz.firstFrame());
            if (decoded == null || !waitsOrWorksHard(decoded)) {
                return fuzz;
            }
            skipped++;
        }
    }

    private FuzzCase mutate(byte[] payload) {
        int choice = random.nextInt(100);
        if (choice < 8) {
            return whole("valid request", payload);
        } else if (choice < 28) {
            return whole("bit flips", flipBits(payload));
        } else if (choice < 40) {
            return whole("bytes overwritten", overwrite(payload));
        } else if (choice < 52) {
            return whole("truncated", Arrays.copyOf(payload, random.nextInt(payload.length)));
        } else if (choice < 60) {
            byte[] extended = Arrays.copyOf(payload, payload.length + 1 + random.nextInt(64));
            fill(extended, payload.length, extended.length);
            return whole("extended", extended);
        } else if (choice < 74) {
            return whole("API key or version rewritten", rewriteKeyOrVersion(payload));
        } else if (choice < 78) {
            int length = maxFrameBytes + 1 + random.nextInt(Integer.MAX_VALUE - maxFrameBytes);
            return new FuzzCase("length above the maximum", prefixed(length, payload), null, false);
        } else if (choice < 81) {
            int length = random.nextBoolean() ? -1 : Integer.MIN_VALUE + random.nextInt(Integer.MAX_VALUE);
            return new FuzzCase("negative length", prefixed(length, payload), null, false);
        } else if (choice < 85) {
            int length = random.nextInt(payload.length);
            return new FuzzCase("length shorter than the bytes sent", prefixed(length, payload),
                    Arrays.copyOf(payload, length), true);
        } else if (choice < 89) {
            int length = payload.length + 1 + random.nextInt(100);
            return new FuzzCase("length longer than the bytes sent", prefixed(length, payload), null, true);
        } else if (choice < 96) {
            byte[] garbage = new byte[random.nextInt(512)];
            fill(garbage, 0, garbage.length);
            return whole("garbage frame", garbage);
        }
        byte[] stream = new byte[1 + random.nextInt(256)];
        fill(stream, 0, stream.length);
        return new FuzzCase("garbage stream", stream, null, true);
    }

    private static FuzzCase whole(String description, byte[] payload) {
        return new FuzzCase(description, prefixed(payload.length, payload), payload, false);
    }

    private static byte[] prefixed(int length, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(length).put(payload).array();
    }

    private byte[] flipBits(byte[] payload) {
        byte[] out = payload.clone();
        for (int i = 1 + random.nextInt(4); i > 0 && out.length > 0; i--) {
            int bit = random.nextInt(out.length * 8);
            out[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return out;
    }

    private byte[] overwrite(byte[] payload) {
        byte[] out = payload.clone();
        for (int i = 1 + random.nextInt(3); i > 0 && out.length > 0; i--) {
            out[random.nextInt(out.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return out;
    }

    private byte[] rewriteKeyOrVersion(byte[] payload) {
        byte[] out = payload.clone();
        ByteBuffer header = ByteBuffer.wrap(out);
        ApiKeys key = ApiKeys.forId(header.getShort(0));
        if (random.nextBoolean()) {
            int pick = random.nextInt(4);
            short id = pick < 2 ? advertisedKey() : pick == 2 ? ApiKeys.values()[random.nextInt(ApiKeys.values().length)].id
                    : (short) random.nextInt(1 << 16);
            header.putShort(0, id);
            key = ApiKeys.hasId(id) ? ApiKeys.forId(id) : null;
        }
        short version = key != null && random.nextInt(3) > 0
                ? (short) (key.oldestVersion() - 1 + random.nextInt(key.latestVersion() - key.oldestVersion() + 3))
                : (short) random.nextInt(1 << 16);
        header.putShort(2, version);
        return out;
    }

    private short advertisedKey() {
        int index = random.nextInt(advertised.size());
        return advertised.stream().skip(index).findFirst().orElseThrow().apiKey();
    }

    private void fill(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
    }

    /** A valid request payload (no length prefix) for one of the base APIs at a random served version. */
    private byte[] baseFrame(int correlationId) {
        ApiKeys key = BASE_APIS.get(random.nextInt(BASE_APIS.size()));
        ApiVersionsResponseData.ApiVersion range = advertised.find(key.id);
        short min = (short) Math.max(range.minVersion(), key.oldestVersion());
        short version = (short) (min + random.nextInt(range.maxVersion() - min + 1));
        byte[] frame = RawKafkaConnection.frame(key, version, correlationId, body(key, version));
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    private ApiMessage body(ApiKeys key, short v) {
        int partition = random.nextInt(2);
        return switch (key) {
            case PRODUCE -> produce(v, partition);
            case FETCH -> fetch(v, partition);
            case METADATA -> metadata(v);
            case LIST_OFFSETS -> new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                    new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                            new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(partition)
                                    .setTimestamp(-3 + random.nextInt(4))))));
            case CREATE_TOPICS -> createTopics();
            case API_VERSIONS -> v >= 3
                    ? new ApiVersionsRequestData().setClientSoftwareName("fuzz").setClientSoftwareVersion("1.0")
                    : new ApiVersionsRequestData();
            default -> throw new IllegalStateException("no base request for " + key);
        };
    }

    private ApiMessage produce(short v, int partition) {
        String[] values = new String[1 + random.nextInt(3)];
        Arrays.setAll(values, i -> "fuzz-" + random.nextInt(1_000_000));
        ProduceRequestData.TopicProduceData target = v >= 13
                ? new ProduceRequestData.TopicProduceData().setTopicId(topicId)
                : new ProduceRequestData.TopicProduceData().setName(topic);
        target.setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(partition)
                .setRecords(RecordBatches.of(values))));
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(target);
        short acks = (short) List.of(-1, 1, 0).get(random.nextInt(3)).intValue();
        return new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000).setTopicData(topics);
    }

    private ApiMessage fetch(short v, int partition) {
        FetchRequestData.FetchTopic target = v >= 13
                ? new FetchRequestData.FetchTopic().setTopicId(topicId)
                : new FetchRequestData.FetchTopic().setTopic(topic);
        target.setPartitions(List.of(new FetchRequestData.FetchPartition().setPartition(partition)
                .setFetchOffset(random.nextInt(4)).setPartitionMaxBytes(1 << 16)));
        FetchRequestData request = new FetchRequestData().setMaxWaitMs(random.nextInt(50)).setMinBytes(1)
                .setMaxBytes(1 << 16).setTopics(List.of(target));
        return v <= 14 ? request.setReplicaId(-1) : request;
    }

    private ApiMessage metadata(short v) {
        String name = random.nextBoolean() ? topic : "fuzz-auto-" + created++;
        MetadataRequestData request = new MetadataRequestData()
                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(name)));
        return v >= 4 ? request.setAllowAutoTopicCreation(random.nextBoolean()) : request;
    }

    private ApiMessage createTopics() {
        CreateTopicsRequestData.CreatableTopicCollection topics = new CreateTopicsRequestData.CreatableTopicCollection();
        topics.add(new CreateTopicsRequestData.CreatableTopic().setName("fuzz-created-" + created++)
                .setNumPartitions(1 + random.nextInt(3)).setReplicationFactor((short) 1));
        return new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(10_000);
    }

    /** The request the payload holds if the codec parses it completely (header and body, nothing left), else null. */
    static Decoded decode(byte[] payload) {
        if (payload.length < 8) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        short keyId = buffer.getShort(0);
        short version = buffer.getShort(2);
        if (!ApiKeys.hasId(keyId)) {
            return null;
        }
        ApiKeys key = ApiKeys.forId(keyId);
        if (version < key.oldestVersion() || version > key.latestVersion()) {
            return null;
        }
        try {
            ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
            RequestHeaderData header = new RequestHeaderData(accessor, key.requestHeaderVersion(version));
            ApiMessage body = key.messageType.newRequest();
            body.read(accessor, version);
            return buffer.hasRemaining() ? null : new Decoded(key, version, header.correlationId(), body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean waitsOrWorksHard(Decoded decoded) {
        return switch (decoded.key()) {
            case FETCH -> {
                FetchRequestData fetch = (FetchRequestData) decoded.body();
                yield fetch.maxWaitMs() > MAX_WAIT_MS && fetch.minBytes() > 0;
            }
            case CREATE_TOPICS -> ((CreateTopicsRequestData) decoded.body()).topics().stream()
                    .anyMatch(t -> t.numPartitions() > MAX_NEW_PARTITIONS || t.assignments().size() > MAX_NEW_PARTITIONS);
            case CREATE_PARTITIONS -> ((CreatePartitionsRequestData) decoded.body()).topics().stream()
                    .anyMatch(t -> t.count() > MAX_NEW_PARTITIONS);
            case METADATA -> {
                List<MetadataRequestData.MetadataRequestTopic> topics = ((MetadataRequestData) decoded.body()).topics();
                yield topics != null && topics.size() > MAX_METADATA_TOPICS;
            }
            default -> false;
        };
    }
}
