package dev.sluice.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.tests.cli.SluiceCli.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that talks to a broker, pointed at a loopback port where nothing listens with a short
 * {@code --timeout}: it gives up soon after the timeout with exit status 1 and the "cannot reach" line.
 */
class UnreachableBrokerCommandsTest {
    /** Generous: the command should end about one second after it starts. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static String closedAddress;

    @BeforeAll
    static void findClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedAddress = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void theMessageShowsTheTimeoutAsGiven() {
        Result result = assertTimeoutPreemptively(DEADLINE,
                () -> SluiceCli.run("cluster", "info", "-b", closedAddress, "--timeout", "500ms"));

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: cannot reach a broker at " + closedAddress + " within 500ms; "
                + "start one with `sluice server` or pass --bootstrap\n", result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "topic create t", "topic list", "topic describe t", "topic delete t",
        "topic alter-config t --set retention.ms=1", "topic add-partitions t -n 1",
        "produce t", "consume t -e", "cluster info",
    })
    void commandGivesUpWithTheCannotReachMessage(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap", closedAddress, "--timeout", "1s"));

        Result result = assertTimeoutPreemptively(DEADLINE,
                () -> SluiceCli.runWithInput("a\n", args.toArray(String[]::new)));

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out(), result::toString);
        assertEquals("error: cannot reach a broker at " + closedAddress + " within 1s; "
                + "start one with `sluice server` or pass --bootstrap\n", result.err());
    }
}
