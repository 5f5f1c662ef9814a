package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class UnreachableBrokerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "topic list", "topic describe orders", "topic create orders", "topic delete orders",
        "topic alter-config orders --set retention.ms=1", "topic add-partitions orders -n 1",
        "cluster info", "consume orders -e", "topic list --format json",
    })
    void everyCommandReportsAnUnreachableBrokerInOneLineAndExitsWithOne(String command) throws IOException {
        String address = SluiceRunner.closedLocalAddress();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--bootstrap", address, "--timeout", "500ms"));

        SluiceRunner.Result result = SluiceRunner.run(args.toArray(String[]::new));

        assertEquals(1, result.status());
        assertEquals("error: cannot reach a broker at " + address
                + " within 500ms; start one with `sluice server` or pass --bootstrap\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void produceChecksTheBrokerBeforeSendingAnything() throws IOException {
        String address = SluiceRunner.closedLocalAddress();
        CommandLine commandLine = Sluice.commandLine();
        ProduceCommand produce = commandLine.getSubcommands().get("produce").getCommand();
        produce.stdin = new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8));

        SluiceRunner.Result result = SluiceRunner.run(commandLine,
                "produce", "orders", "-b", address, "--timeout", "1s");

        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("error: cannot reach a broker at " + address + " within 1s;"),
                result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void unresolvableBootstrapHostIsReportedAsSuch() {
        SluiceRunner.Result result = SluiceRunner.run("topic", "list", "-b", "no-such-host.invalid:9092",
                "--timeout", "1s");

        assertEquals(1, result.status());
        assertEquals("error: cannot resolve any broker address in no-such-host.invalid:9092;"
                + " pass --bootstrap HOST:PORT\n", result.err());
    }

    @Test
    void invalidClientConfigIsAnErrorNotAStackTrace() {
        SluiceRunner.Result result = SluiceRunner.run("topic", "list", "-X", "request.timeout.ms=soon");

        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("error: invalid client configuration: "), result.err());
        assertTrue(result.err().contains("request.timeout.ms"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void missingInputFileIsReportedBeforeConnecting() {
        SluiceRunner.Result result = SluiceRunner.run("produce", "orders", "-f", "/nonexistent/records.txt",
                "-b", "127.0.0.1:1", "--timeout", "30s");

        assertEquals(1, result.status());
        assertEquals("error: cannot read /nonexistent/records.txt: no such file\n", result.err());
    }
}
