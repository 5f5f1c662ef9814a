package dev.sluice.tests.protocol;

import dev.sluice.tests.TestBroker;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every API version the broker advertises in ApiVersions works: a request built for exactly that version
 * gets a meaningful answer, and versions advertised only for old clients' sake close the connection.
 * Versions outside the advertised ranges are refused the way clients expect.
 */
class ApiVersionCoverageTest {
    private static final short API_VERSIONS_MAX = 5;
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());
    private RawKafkaConnection connection;

    @AfterEach
    void closeConnection() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }

    private static ApiVersionsResponseData.ApiVersionCollection advertised(RawKafkaConnection via) throws Exception {
        ApiVersionsResponseData response = via.request(ApiKeys.API_VERSIONS, (short) 3,
                new ApiVersionsRequestData().setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0"));
        assertEquals(Errors.NONE.code(), response.errorCode(), "ApiVersions error");
        assertFalse(response.apiKeys().isEmpty(), "ApiVersions advertises no API");
        return response.apiKeys();
    }

    /**
     * One dynamic test per advertised API version, so every failing version is reported, not just the
     * first. The connection is replaced after a failure, so one broken version does not fail the rest.
     */
    @TestFactory
    List<DynamicTest> everyAdvertisedVersionOfEveryApiAnswersItsSampleRequest() throws Exception {
        connection = RawKafkaConnection.open(broker.broker().port());
        ApiVersionsResponseData.ApiVersionCollection table = advertised(connection);
        ApiSamples samples = new ApiSamples(() -> connection, ApiSamples.prepare(connection, broker.broker().port(), table));
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiVersionsResponseData.ApiVersion api : table) {
            tests.add(dynamicTest("API key " + api.apiKey() + " range", () -> assertServableRange(api)));
            if (!ApiKeys.hasId(api.apiKey())) {
                continue;
            }
            ApiKeys key = ApiKeys.forId(api.apiKey());
            for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
                short version = v;
                tests.add(dynamicTest(key + " v" + v, () -> {
                    if (ApiSamples.isAdvertisedButRejected(key, version)) {
                        assertLegacyVersionClosesConnection(key, version);
                    } else {
                        exercise(samples, key, version);
                    }
                }));
            }
        }
        return tests;
    }

    private void exercise(ApiSamples samples, ApiKeys key, short version) throws Exception {
        try {
            samples.exercise(key, version);
        } catch (Throwable failure) {
            connection.close();
            connection = RawKafkaConnection.open(broker.broker().port());
            throw failure;
        }
    }

    private static void assertServableRange(ApiVersionsResponseData.ApiVersion api) {
        assertTrue(ApiKeys.hasId(api.apiKey()), "advertised API key " + api.apiKey() + " is unknown to Kafka");
        ApiKeys key = ApiKeys.forId(api.apiKey());
        assertTrue(api.minVersion() <= api.maxVersion(), key + " advertises an empty range");
        assertTrue(api.maxVersion() <= key.latestVersion(), key + " advertises v" + api.maxVersion()
                + " beyond the codec's v" + key.latestVersion());
    }

    @Test
    void advertisesTheVersionsCommonClientsRequire() throws Exception {
        try (RawKafkaConnection probe = RawKafkaConnection.open(broker.broker().port())) {
            ApiVersionsResponseData.ApiVersionCollection table = advertised(probe);
            assertEquals(0, table.find(ApiKeys.PRODUCE.id).minVersion(), "librdkafka requires Produce v0 advertised");
            assertTrue(table.find(ApiKeys.PRODUCE.id).maxVersion() >= 13, "Kafka 4 producers use Produce v13");
            assertTrue(table.find(ApiKeys.FETCH.id).maxVersion() >= 13, "Kafka 4 consumers use Fetch v13+");
        }
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
            try (RawKafkaConnection raw = RawKafkaConnection.open(broker.broker().port())) {
                ApiVersionsRequestData body = new ApiVersionsRequestData()
                        .setClientSoftwareName("sluice-protocol-tests").setClientSoftwareVersion("1.0");
                raw.sendRaw(RawKafkaConnection.frame(ApiKeys.API_VERSIONS, requested, API_VERSIONS_MAX, 42, body));
                RawKafkaConnection.Response<ApiVersionsResponseData> response =
                        raw.receive(ApiKeys.API_VERSIONS, (short) 0);
                assertNotNull(response, "ApiVersions v" + requested + " closed the connection");
                assertEquals(42, response.header().correlationId(), "correlation id");
                assertEquals(Errors.UNSUPPORTED_VERSION.code(), response.body().errorCode(), "ApiVersions v" + requested);
                ApiVersionsResponseData.ApiVersion self = response.body().apiKeys().find(ApiKeys.API_VERSIONS.id);
                assertNotNull(self, "the v0 table lists ApiVersions itself: " + response.body());
                assertEquals(API_VERSIONS_MAX, self.maxVersion(), "ApiVersions max version in the table");
                assertTrue(response.body().apiKeys().size() > 1, "table lists the other APIs too");
                advertised(raw);
            }
        }
    }

    @Test
    void unsupportedVersionOfAnotherApiClosesTheConnection() throws Exception {
        try (RawKafkaConnection raw = RawKafkaConnection.open(broker.broker().port())) {
            short newest = advertised(raw).find(ApiKeys.METADATA.id).maxVersion();
            long rejected = broker.broker().connectionStats().rejectedFrames();
            MetadataRequestData body = new MetadataRequestData().setTopics(null);
            raw.sendRaw(RawKafkaConnection.frame(ApiKeys.METADATA, (short) (newest + 1), newest, 9, body));
            raw.assertClosedByBroker("Metadata v" + (newest + 1) + " is not served");
            Await.until(() -> broker.broker().connectionStats().rejectedFrames() > rejected,
                    RawKafkaConnection.DEFAULT_TIMEOUT, "the unsupported version is counted as a rejected frame");
        }
    }
}
