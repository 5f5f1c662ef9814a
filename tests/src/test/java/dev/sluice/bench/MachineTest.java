package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    @Test
    void refillingTheBallastReplacesItWithinItsLimit(@TempDir Path dir) throws Exception {
        Path ballast = dir.resolve("ballast.tmp");
        assertTrue(Machine.meminfoBytes("MemFree") > Machine.BALLAST_RESERVE + (8 << 20),
                "this test needs more free memory than the ballast leaves");

        assertEquals(8 << 20, Machine.refillBallast(ballast, 8 << 20));
        assertEquals(8 << 20, Files.size(ballast));
        assertEquals(3 << 20, Machine.refillBallast(ballast, 3 << 20));
        assertEquals(3 << 20, Files.size(ballast));
        assertEquals(0, Machine.refillBallast(ballast, 0));
        assertEquals(0, Files.size(ballast));
    }
}
