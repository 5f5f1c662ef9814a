package dev.sluice.cli;

import io.netty.util.ResourceLeakDetector;

import java.util.Properties;

/**
 * Netty settings for a broker process, applied before Netty's buffer classes load. A {@code -D} flag the user
 * gives for the same key wins.
 */
final class NettyTuning {
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    static final String LOW_MEMORY = "io.netty.allocator.lowMemory";

    private NettyTuning() {
    }

    static void apply() {
        // Netty samples one buffer in 128 with a stack trace to report leaks; a broker in production does not
        // pay for that.
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        apply(System.getProperties());
    }

    /**
     * Netty's adaptive allocator goes into a low-memory mode when the heap limit is 512 MiB or less, which the
     * broker's default is: it then pools no buffer over 16 KiB, so every socket read and request frame gets a
     * fresh chunk that the JDK zeroes. Request buffers are direct memory, not heap, so the heap limit says
     * nothing about what they may use.
     */
    static void apply(Properties properties) {
        properties.putIfAbsent(LOW_MEMORY, "false");
    }
}
