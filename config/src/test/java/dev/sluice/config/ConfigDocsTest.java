package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocsTest {
    private static final Path COMMITTED = Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md");

    @Test
    void committedReferenceMatchesTheDefinitions() throws IOException {
        assertTrue(Files.exists(COMMITTED), "missing " + COMMITTED + "; generate it with: "
                + ConfigDocs.REGENERATE_COMMAND);
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertEquals(ConfigDocs.markdown(), committed, "docs/configuration.md is out of date with the configuration "
                + "definitions; regenerate it from the repository root with: " + ConfigDocs.REGENERATE_COMMAND);
    }

    @Test
    void referenceDocumentsEveryKeyAndTheRegenerateCommand() {
        String md = ConfigDocs.markdown();
        assertTrue(md.contains(ConfigDocs.REGENERATE_COMMAND));
        for (String key : BrokerConfig.DEF.keys().keySet()) {
            assertTrue(md.contains("| `" + key + "` |"), key);
        }
        for (String key : TopicConfig.DEF.keys().keySet()) {
            assertTrue(md.contains("| `" + key + "` |"), key);
        }
    }

    @Test
    void mainWritesTheReferenceToTheGivenPath(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sub/configuration.md");
        ConfigDocs.main(new String[] {out.toString()});
        assertEquals(ConfigDocs.markdown(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
