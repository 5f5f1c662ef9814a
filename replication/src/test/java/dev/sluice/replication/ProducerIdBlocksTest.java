package dev.sluice.replication;

import dev.sluice.replication.metadata.LocalClusterMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerIdBlocksTest {
    @Test
    void idsAreUniqueWithinAndAcrossRestarts(@TempDir Path dir) throws Exception {
        Set<Long> seen = new HashSet<>();
        for (int restart = 0; restart < 3; restart++) {
            try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
                ProducerIdBlocks ids = new ProducerIdBlocks(metadata);
                for (int i = 0; i < 1500; i++) {
                    assertTrue(seen.add(ids.nextProducerId()), "producer id handed out twice");
                }
            }
        }
        assertEquals(4500, seen.size());
    }
}
