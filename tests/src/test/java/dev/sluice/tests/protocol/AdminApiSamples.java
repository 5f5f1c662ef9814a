package dev.sluice.tests.protocol;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.sluice.tests.protocol.RawRequests.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samples of the cluster and administration APIs: each request built for its version, its answer checked. */
final class AdminApiSamples {
    private static final byte TOPIC_RESOURCE = 2;
    private static final byte SET = 0;

    private final Supplier<RawKafkaConnection> connections;
    private final ApiSamples.Fixture fixture;

    AdminApiSamples(Supplier<RawKafkaConnection> connections, ApiSamples.Fixture fixture) {
        this.connections = connections;
        this.fixture = fixture;
    }

    private RawKafkaConnection connection() {
        return connections.get();
    }

    void apiVersions(short v) throws IOException {
        ApiVersionsRequestData request = new ApiVersionsRequestData();
        if (v >= 3) {
            request.setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0");
        }
        ApiVersionsResponseData response = connection().request(ApiKeys.API_VERSIONS, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "ApiVersions v" + v + " error");
        assertEquals(fixture.advertised(), response.apiKeys(), "ApiVersions v" + v + " table");
    }

    void createTopics(short v) throws IOException {
        String name = "coverage-create-v" + v;
        CreateTopicsRequestData.CreatableTopicCollection topics = new CreateTopicsRequestData.CreatableTopicCollection();
        topics.add(new CreateTopicsRequestData.CreatableTopic().setName(name).setNumPartitions(2)
                .setReplicationFactor((short) 1));
        CreateTopicsResponseData response = connection().request(ApiKeys.CREATE_TOPICS, v,
                new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(30_000));
        CreateTopicsResponseData.CreatableTopicResult result = response.topics().find(name);
        assertNotNull(result, "CreateTopics v" + v + " has no result for " + name);
        assertEquals(Errors.NONE.code(), result.errorCode(), "CreateTopics v" + v + " error: " + result.errorMessage());
        if (v >= 5) {
            assertEquals(2, result.numPartitions(), "CreateTopics v" + v + " partitions");
            assertEquals(1, result.replicationFactor(), "CreateTopics v" + v + " replication factor");
        }
        if (v >= 7) {
            assertNotEquals(Uuid.ZERO_UUID, result.topicId(), "CreateTopics v" + v + " topic id");
        }
        assertEquals(2, RawRequests.metadata(connection(), name).partitions().size(), "partitions after CreateTopics v" + v);
    }

    void deleteTopics(short v) throws IOException {
        String name = "coverage-delete-v" + v;
        Uuid id = RawRequests.createTopic(connection(), name, 1, Map.of());
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(30_000);
        if (v >= 6) {
            request.setTopics(List.of(new DeleteTopicsRequestData.DeleteTopicState().setTopicId(id)));
        } else {
            request.setTopicNames(List.of(name));
        }
        DeleteTopicsResponseData response = connection().request(ApiKeys.DELETE_TOPICS, v, request);
        DeleteTopicsResponseData.DeletableTopicResult result = single(response.responses(), "DeleteTopics v" + v + " result");
        assertEquals(Errors.NONE.code(), result.errorCode(), "DeleteTopics v" + v + " error: " + result.errorMessage());
        if (v >= 6) {
            assertEquals(id, result.topicId(), "DeleteTopics v" + v + " topic id");
        } else {
            assertEquals(name, result.name(), "DeleteTopics v" + v + " topic name");
        }
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), RawRequests.metadata(connection(), name).errorCode(),
                "metadata of " + name + " after DeleteTopics v" + v);
    }

    void createPartitions(short v) throws IOException {
        String name = "coverage-partitions-v" + v;
        RawRequests.createTopic(connection(), name, 1, Map.of());
        CreatePartitionsRequestData.CreatePartitionsTopicCollection topics =
                new CreatePartitionsRequestData.CreatePartitionsTopicCollection();
        topics.add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(name).setCount(3).setAssignments(null));
        CreatePartitionsResponseData response = connection().request(ApiKeys.CREATE_PARTITIONS, v,
                new CreatePartitionsRequestData().setTopics(topics).setTimeoutMs(30_000).setValidateOnly(false));
        CreatePartitionsResponseData.CreatePartitionsTopicResult result = single(response.results(), "CreatePartitions v" + v + " result");
        assertEquals(name, result.name(), "CreatePartitions v" + v + " topic");
        assertEquals(Errors.NONE.code(), result.errorCode(), "CreatePartitions v" + v + " error: " + result.errorMessage());
        assertEquals(3, RawRequests.metadata(connection(), name).partitions().size(), "partitions after CreatePartitions v" + v);
    }

    void describeConfigs(short v) throws IOException {
        assertEquals("delete", topicConfig(v, fixture.dataTopic(), "cleanup.policy"),
                "DescribeConfigs v" + v + " cleanup.policy of " + fixture.dataTopic());
    }

    void alterConfigs(short v) throws IOException {
        String name = "coverage-alter-v" + v;
        RawRequests.createTopic(connection(), name, 1, Map.of());
        AlterConfigsRequestData.AlterableConfigCollection configs = new AlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms").setValue("3600000"));
        AlterConfigsRequestData.AlterConfigsResourceCollection resources =
                new AlterConfigsRequestData.AlterConfigsResourceCollection();
        resources.add(new AlterConfigsRequestData.AlterConfigsResource().setResourceType(TOPIC_RESOURCE)
                .setResourceName(name).setConfigs(configs));
        AlterConfigsResponseData response = connection().request(ApiKeys.ALTER_CONFIGS, v,
                new AlterConfigsRequestData().setResources(resources).setValidateOnly(false));
        AlterConfigsResponseData.AlterConfigsResourceResponse result = single(response.responses(), "AlterConfigs v" + v + " result");
        assertEquals(name, result.resourceName(), "AlterConfigs v" + v + " resource");
        assertEquals(Errors.NONE.code(), result.errorCode(), "AlterConfigs v" + v + " error: " + result.errorMessage());
        assertEquals("3600000", topicConfig((short) 4, name, "retention.ms"), "retention.ms after AlterConfigs v" + v);
    }

    void incrementalAlterConfigs(short v) throws IOException {
        String name = "coverage-incremental-v" + v;
        RawRequests.createTopic(connection(), name, 1, Map.of());
        IncrementalAlterConfigsRequestData.AlterableConfigCollection configs =
                new IncrementalAlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                .setConfigOperation(SET).setValue("7200000"));
        IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection resources =
                new IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection();
        resources.add(new IncrementalAlterConfigsRequestData.AlterConfigsResource().setResourceType(TOPIC_RESOURCE)
                .setResourceName(name).setConfigs(configs));
        IncrementalAlterConfigsResponseData response = connection().request(ApiKeys.INCREMENTAL_ALTER_CONFIGS, v,
                new IncrementalAlterConfigsRequestData().setResources(resources).setValidateOnly(false));
        IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse result = single(response.responses(),
                "IncrementalAlterConfigs v" + v + " result");
        assertEquals(name, result.resourceName(), "IncrementalAlterConfigs v" + v + " resource");
        assertEquals(Errors.NONE.code(), result.errorCode(),
                "IncrementalAlterConfigs v" + v + " error: " + result.errorMessage());
        assertEquals("7200000", topicConfig((short) 4, name, "retention.ms"),
                "retention.ms after IncrementalAlterConfigs v" + v);
    }

    void describeCluster(short v) throws IOException {
        DescribeClusterResponseData response = connection().request(ApiKeys.DESCRIBE_CLUSTER, v,
                new DescribeClusterRequestData());
        assertEquals(Errors.NONE.code(), response.errorCode(), "DescribeCluster v" + v + " error: " + response.errorMessage());
        assertEquals(fixture.clusterId(), response.clusterId(), "DescribeCluster v" + v + " cluster id");
        DescribeClusterResponseData.DescribeClusterBroker broker = single(response.brokers(), "DescribeCluster v" + v + " broker");
        assertEquals(fixture.nodeId(), broker.brokerId(), "DescribeCluster v" + v + " broker id");
        assertEquals(fixture.port(), broker.port(), "DescribeCluster v" + v + " broker port");
    }

    void describeLogDirs(short v) throws IOException {
        DescribeLogDirsResponseData response = connection().request(ApiKeys.DESCRIBE_LOG_DIRS, v,
                new DescribeLogDirsRequestData().setTopics(null));
        assertEquals(Errors.NONE.code(), response.errorCode(), "DescribeLogDirs v" + v + " error");
        assertFalse(response.results().isEmpty(), "DescribeLogDirs v" + v + " lists no directory");
        long dataSize = -1;
        for (DescribeLogDirsResponseData.DescribeLogDirsResult dir : response.results()) {
            assertEquals(Errors.NONE.code(), dir.errorCode(), "DescribeLogDirs v" + v + " error of " + dir.logDir());
            if (v >= 4) {
                assertTrue(dir.totalBytes() > 0, "DescribeLogDirs v" + v + " total bytes of " + dir.logDir());
            }
            for (DescribeLogDirsResponseData.DescribeLogDirsTopic topic : dir.topics()) {
                if (topic.name().equals(fixture.dataTopic())) {
                    dataSize = single(topic.partitions(), "DescribeLogDirs v" + v + " partition").partitionSize();
                }
            }
        }
        assertTrue(dataSize > 0, "DescribeLogDirs v" + v + " size of " + fixture.dataTopic() + ": " + dataSize);
    }

    /** One config value of a topic as DescribeConfigs at version {@code v} reports it. */
    private String topicConfig(short v, String topic, String key) throws IOException {
        DescribeConfigsRequestData request = new DescribeConfigsRequestData().setResources(List.of(
                new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType(TOPIC_RESOURCE)
                        .setResourceName(topic).setConfigurationKeys(null)));
        DescribeConfigsResponseData response = connection().request(ApiKeys.DESCRIBE_CONFIGS, v, request);
        DescribeConfigsResponseData.DescribeConfigsResult result = single(response.results(), "DescribeConfigs v" + v + " result");
        assertEquals(Errors.NONE.code(), result.errorCode(), "DescribeConfigs v" + v + " error: " + result.errorMessage());
        assertEquals(topic, result.resourceName(), "DescribeConfigs v" + v + " resource");
        return result.configs().stream().filter(c -> c.name().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("DescribeConfigs v" + v + " of " + topic + " lacks " + key))
                .value();
    }
}
