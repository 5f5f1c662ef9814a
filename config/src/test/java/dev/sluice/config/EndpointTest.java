package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesNameHostAndPort() {
        assertEquals(new Endpoint("PLAINTEXT", "127.0.0.1", 9092), Endpoint.parse("PLAINTEXT://127.0.0.1:9092"));
    }

    @Test
    void emptyHostAndPortZeroMeanAnyInterfaceAndAnyPort() {
        assertEquals(new Endpoint("PLAINTEXT", "", 0), Endpoint.parse("PLAINTEXT://:0"));
    }

    @Test
    void listenerNameIsUpperCasedAndHostnamesAreKept() {
        assertEquals(new Endpoint("INTERNAL_1", "broker-1.example.com", 19092),
                Endpoint.parse(" internal_1://broker-1.example.com:19092 "));
    }

    @Test
    void bracketedIpv6HostIsStoredWithoutBracketsAndPrintedWithThem() {
        Endpoint e = Endpoint.parse("PLAINTEXT://[::1]:9092");
        assertEquals("::1", e.host());
        assertEquals("PLAINTEXT://[::1]:9092", e.toString());
    }

    @Test
    void malformedEndpointsAreRejected() {
        for (String bad : new String[] {"127.0.0.1:9092", "PLAINTEXT://127.0.0.1", "PLAINTEXT://host:65536",
                "PLAINTEXT://host:-1", "PLAINTEXT://ho st:9092", "PLAIN-TEXT://host:9092", "://host:1",
                "PLAINTEXT://host:port", "PLAINTEXT://::1:9092"}) {
            assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(bad), bad);
        }
    }
}
