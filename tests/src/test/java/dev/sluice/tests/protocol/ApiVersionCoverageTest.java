package dev.sluice.tests.protocol;

import dev.sluice.tests.TestBroker;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every API version the broker advertises in ApiVersions works: a request built for exactly that version
 * gets a meaningful answer, and versions advertised only for old clients' sake close the connection.
 * Versions outside the advertised ranges are refused the way clients expect.
 */
class ApiVersionCoverageTest {
    private static final short API_VERSIONS_MAX = 5;
    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static ApiVersionsResponseData.ApiVersionCollection advertised(RawKafkaConnection connection)
            throws Exception {
        ApiVersionsResponseData response = connection.request(ApiKeys.API_VERSIONS, (short) 3,
                new ApiVersionsRequestData().setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0"));
        assertEquals(Errors.NONE.code(), response.errorCode(), "ApiVersions error");
        assertFalse(response.apiKeys().isEmpty(), "ApiVersions advertises no API");
        return response.apiKeys();
    }

    @Test
    void everyAdvertisedVersionOfEveryApiAnswersItsSampleRequest() throws Exception {
        List<String> exercised = new ArrayList<>();
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            ApiVersionsResponseData.ApiVersionCollection table = advertised(connection);
            ApiSamples samples = new ApiSamples(connection, ApiSamples.prepare(connection, broker.broker().port(), table));
            for (ApiVersionsResponseData.ApiVersion api : table) {
                assertTrue(ApiKeys.hasId(api.apiKey()), "advertised API key " + api.apiKey() + " is unknown to Kafka");
                ApiKeys key = ApiKeys.forId(api.apiKey());
                assertTrue(api.minVersion() <= api.maxVersion(), key + " advertises an empty range");
                assertTrue(api.maxVersion() <= key.latestVersion(), key + " advertises v" + api.maxVersion()
                        + " beyond the codec's v" + key.latestVersion());
                for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
                    if (ApiSamples.isAdvertisedButRejected(key, v)) {
                        assertLegacyVersionClosesConnection(key, v);
                    } else {
                        samples.exercise(key, v);
                    }
                    exercised.add(key + " v" + v);
                }
            }
        }
        assertTrue(exercised.contains("PRODUCE v0"), "librdkafka needs Produce v0 advertised; exercised " + exercised);
        assertTrue(exercised.contains("FETCH v13"), "Kafka 4 consumers need Fetch v13+; exercised " + exercised);
    }

    private static void assertLegacyVersionClosesConnection(ApiKeys key, short v) throws Exception {
        try (RawKafkaConnection legacy = RawKafkaConnection.open(broker.broker().port())) {
            legacy.sendRaw(ApiSamples.legacyFrame(key, v, 7, "coverage-data"));
            legacy.assertClosedByBroker(key + " v" + v + " is advertised only for old clients");
        }
    }

    @Test
    void apiVersionsNewerThanServedAnswersUnsupportedVersionWithTableInVersionZeroLayout() throws Exception {
        for (short requested : new short[] {API_VERSIONS_MAX + 1, Short.MAX_VALUE}) {
            try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
                ApiVersionsRequestData body = new ApiVersionsRequestData()
                        .setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0");
                connection.sendRaw(RawKafkaConnection.frame(ApiKeys.API_VERSIONS, requested, API_VERSIONS_MAX, 42, body));
                RawKafkaConnection.Response<ApiVersionsResponseData> response =
                        connection.receive(ApiKeys.API_VERSIONS, (short) 0);
                assertNotNull(response, "ApiVersions v" + requested + " closed the connection");
                assertEquals(42, response.header().correlationId(), "correlation id");
                assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.body().errorCode(), "ApiVersions v" + requested);
                ApiVersionsResponseData.ApiVersion self = response.body().apiKeys().find(ApiKeys.API_VERSIONS.id);
                assertNotNull(self, "the v0 table lists ApiVersions itself: " + response.body());
                assertEquals(API_VERSIONS_MAX, self.maxVersion(), "ApiVersions max version in the table");
                assertTrue(response.body().apiKeys().size() > 1, "table lists the other APIs too");
                advertised(connection);
            }
        }
    }

    @Test
    void unsupportedVersionOfAnotherApiClosesTheConnection() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            short newest = advertised(connection).find(ApiKeys.METADATA.id).maxVersion();
            long rejected = broker.broker().connectionStats().rejectedFrames();
            MetadataRequestData body = new MetadataRequestData().setTopics(null);
            connection.sendRaw(RawKafkaConnection.frame(ApiKeys.METADATA, (short) (newest + 1), newest, 9, body));
            connection.assertClosedByBroker("Metadata v" + (newest + 1) + " is not served");
            Await.until(() -> broker.broker().connectionStats().rejectedFrames() > rejected,
                    RawKafkaConnection.DEFAULT_TIMEOUT, "the unsupported version is counted as a rejected frame");
        }
    }
}
