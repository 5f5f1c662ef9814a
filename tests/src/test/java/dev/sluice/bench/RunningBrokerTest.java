package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningBrokerTest {
    @Test
    void aBrokerThatExitsAtOnceIsReportedWithItsStatusNotAsATimeout(@TempDir Path workDir) throws Exception {
        BrokerKind failing = new BrokerKind() {
            @Override
            String name() {
                return "failing";
            }

            @Override
            List<String> command(Path dataDir, Ports ports, Path dir) {
                return List.of("sh", "-c", "echo 'unknown option' >&2; exit 3");
            }
        };

        IOException e = assertThrows(IOException.class, () -> RunningBroker.start(failing, workDir));

        assertTrue(e.getMessage().startsWith("failing exited with status 3 before it was ready"), e.getMessage());
        Path log = workDir.resolve("failing.log");
        assertTrue(e.getMessage().endsWith(log.toString()), e.getMessage());
        assertTrue(Files.readString(log).contains("unknown option"));
    }
}
