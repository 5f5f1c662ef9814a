package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class BrokerKindTest {
    /** One id in 64 would start with '-' if drawn from plain random bytes, and Kafka's format command would fail. */
    @Test
    void kafkaClusterIdsAreNeverTakenForCommandLineOptions() {
        for (int i = 0; i < 20_000; i++) {
            String id = BrokerKind.Kafka.clusterId();
            assertEquals(22, id.length(), id);
            assertFalse(id.startsWith("-"), id);
        }
    }
}
