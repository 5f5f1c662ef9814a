package dev.sluice.tests.protocol;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A minimal valid request for every API key and version a broker may advertise, built for exactly that
 * version, sent, and its response checked for a meaningful result. An API key without a sample fails,
 * so a handler cannot be added to the broker's table without a sample here.
 *
 * <p>Not thread-safe: one test thread runs the samples.
 */
final class ApiSamples {
    /** What every sample may rely on: a topic with known records, the broker's identity, the advertised table. */
    record Fixture(int port, int nodeId, String clusterId, String dataTopic, Uuid dataTopicId, int leaderEpoch,
                   List<String> dataValues, ApiVersionsResponseData.ApiVersionCollection advertised) {
    }

    private final DataApiSamples data;
    private final AdminApiSamples admin;
    private final GroupApiSamples groups;

    /** Samples send on whatever connection {@code connections} supplies at the time. */
    ApiSamples(Supplier<RawKafkaConnection> connections, Fixture fixture) {
        this.data = new DataApiSamples(connections, fixture);
        this.admin = new AdminApiSamples(connections, fixture);
        this.groups = new GroupApiSamples(connections, fixture);
    }

    /** Creates the data topic with its records and captures what the samples check against. */
    static Fixture prepare(RawKafkaConnection connection, int port, ApiVersionsResponseData.ApiVersionCollection advertised)
            throws IOException {
        String topic = "coverage-data";
        List<String> values = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        Uuid id = RawRequests.createTopic(connection, topic, 1, Map.of());
        RawRequests.append(connection, id, 0, RecordBatches.of(values.toArray(String[]::new)));
        MetadataResponseData metadata = RawRequests.metadataResponse(connection, topic);
        int nodeId = RawRequests.single(metadata.brokers(), "broker in Metadata").nodeId();
        int leaderEpoch = RawRequests.single(RawRequests.single(metadata.topics(), "topic in Metadata").partitions(),
                "partition of " + topic).leaderEpoch();
        return new Fixture(port, nodeId, metadata.clusterId(), topic, id, leaderEpoch, values, advertised);
    }

    /** Whether the broker advertises this version only for old clients and must close a connection using it. */
    static boolean isAdvertisedButRejected(ApiKeys key, short version) {
        return version < key.oldestVersion();
    }

    /** Sends the sample request of this API at this version and checks the response. */
    void exercise(ApiKeys key, short version) throws IOException {
        switch (key) {
            case PRODUCE -> data.produce(version);
            case FETCH -> data.fetch(version);
            case LIST_OFFSETS -> data.listOffsets(version);
            case METADATA -> data.metadata(version);
            case OFFSET_FOR_LEADER_EPOCH -> data.offsetForLeaderEpoch(version);
            case DELETE_RECORDS -> data.deleteRecords(version);
            case INIT_PRODUCER_ID -> data.initProducerId(version);
            case API_VERSIONS -> admin.apiVersions(version);
            case CREATE_TOPICS -> admin.createTopics(version);
            case DELETE_TOPICS -> admin.deleteTopics(version);
            case CREATE_PARTITIONS -> admin.createPartitions(version);
            case DESCRIBE_CONFIGS -> admin.describeConfigs(version);
            case ALTER_CONFIGS -> admin.alterConfigs(version);
            case INCREMENTAL_ALTER_CONFIGS -> admin.incrementalAlterConfigs(version);
            case DESCRIBE_CLUSTER -> admin.describeCluster(version);
            case DESCRIBE_LOG_DIRS -> admin.describeLogDirs(version);
            case FIND_COORDINATOR -> groups.findCoordinator(version);
            case JOIN_GROUP -> groups.joinGroup(version);
            case SYNC_GROUP -> groups.syncGroup(version);
            case HEARTBEAT -> groups.heartbeat(version);
            case LEAVE_GROUP -> groups.leaveGroup(version);
            case OFFSET_COMMIT -> groups.offsetCommit(version);
            case OFFSET_FETCH -> groups.offsetFetch(version);
            case LIST_GROUPS -> groups.listGroups(version);
            case DESCRIBE_GROUPS -> groups.describeGroups(version);
            case DELETE_GROUPS -> groups.deleteGroups(version);
            case OFFSET_DELETE -> groups.offsetDelete(version);
            default -> throw new AssertionError("the broker advertises " + key + " v" + version
                    + " but ApiSamples has no sample request for " + key + ": add one");
        }
    }

    /**
     * A request frame for a version the codec can no longer write: only Produce v0-2 (same body layout in
     * all three), which brokers advertise for librdkafka's sake. The message set holds a v2 batch; the
     * broker must refuse the version before it looks at the records.
     */
    static byte[] legacyFrame(ApiKeys key, short version, int correlationId, String topic) {
        if (key != ApiKeys.PRODUCE) {
            throw new AssertionError("no legacy sample for " + key + " v" + version + ": add one to ApiSamples");
        }
        ByteBuffer records = RecordBatches.of("legacy").buffer();
        byte[] clientId = RawKafkaConnection.CLIENT_ID.getBytes(StandardCharsets.UTF_8);
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        int size = 2 + 2 + 4 + 2 + clientId.length + 2 + 4 + 4 + 2 + name.length + 4 + 4 + 4 + records.remaining();
        ByteBuffer frame = ByteBuffer.allocate(4 + size);
        frame.putInt(size);
        frame.putShort(key.id).putShort(version).putInt(correlationId);
        frame.putShort((short) clientId.length).put(clientId);
        frame.putShort((short) 1).putInt(30_000);
        frame.putInt(1).putShort((short) name.length).put(name);
        frame.putInt(1).putInt(0).putInt(records.remaining()).put(records.duplicate());
        return frame.array();
    }
}
