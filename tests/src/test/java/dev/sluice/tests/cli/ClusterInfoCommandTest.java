package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sluice cluster info} against a real broker, compared with what the Admin client reports. */
class ClusterInfoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());
    private static String clusterId;
    private static int controllerId;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = broker.admin()) {
            DescribeClusterResult cluster = admin.describeCluster();
            clusterId = cluster.clusterId().get();
            controllerId = cluster.controller().get().id();
        }
    }

    private static int port() {
        return Integer.parseInt(broker.bootstrap().substring(broker.bootstrap().lastIndexOf(':') + 1));
    }

    @Test
    void tableShowsTheClusterIdControllerAndBroker() {
        Result result = SluiceCli.run(against(broker.bootstrap(), "cluster", "info"));

        assertEquals(0, result.status(), result::toString);
        assertEquals("", result.err());
        assertTrue(clusterId != null && !clusterId.isBlank(), "the Admin client sees no cluster id");
        assertEquals(Map.of("ID", clusterId, "CONTROLLER", Integer.toString(controllerId)),
                TextTables.pairs(TextTables.section(result.out(), "CLUSTER")));
        int nodeId = broker.broker().node().nodeId();
        assertEquals(List.of(
                List.of("ID", "HOST", "PORT", "RACK"),
                List.of(Integer.toString(nodeId), "127.0.0.1", Integer.toString(port()), "-")),
                TextTables.rows(TextTables.section(result.out(), "BROKERS")));
    }

    @Test
    void anInvalidClientSettingIsRefusedNamingIt() {
        Result result = SluiceCli.run(against(broker.bootstrap(), "cluster", "info", "-X", "request.timeout.ms=abc"));

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals("error: invalid client configuration: Invalid value abc for configuration request.timeout.ms: "
                + "Not a number of type INT\n", result.err());
    }

    @Test
    void jsonCarriesTheSameClusterIdAndBrokers() throws Exception {
        Result result = SluiceCli.run(against(broker.bootstrap(), "cluster", "info", "--format", "json"));

        assertEquals(0, result.status(), result::toString);
        assertEquals(1, result.outLines().size(), result::toString);
        JsonNode info = JSON.readTree(result.out());
        assertEquals(clusterId, info.get("clusterId").asText());
        assertEquals(controllerId, info.get("controllerId").asInt());
        JsonNode brokers = info.get("brokers");
        assertEquals(1, brokers.size(), brokers::toString);
        assertEquals(broker.broker().node().nodeId(), brokers.get(0).get("id").asInt());
        assertEquals("127.0.0.1", brokers.get(0).get("host").asText());
        assertEquals(port(), brokers.get(0).get("port").asInt());
        assertTrue(brokers.get(0).get("rack").isNull(), brokers::toString);
    }
}
