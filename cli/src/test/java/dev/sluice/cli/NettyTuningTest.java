package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class NettyTuningTest {
    @Test
    void keepsTheAdaptiveAllocatorOutOfItsLowMemoryMode() {
        Properties properties = new Properties();
        NettyTuning.apply(properties);
        assertEquals("false", properties.getProperty(NettyTuning.LOW_MEMORY));
    }

    @Test
    void leavesAValueTheUserGaveAlone() {
        Properties properties = new Properties();
        properties.setProperty(NettyTuning.LOW_MEMORY, "true");
        NettyTuning.apply(properties);
        assertEquals("true", properties.getProperty(NettyTuning.LOW_MEMORY));
    }
}
