package dev.sluice.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on. */
final class Machine {
    /** Memory left out of the priming: a broker's heap, a generator's and the page cache of their jars. */
    private static final long PROCESS_MEMORY = 4L << 30;

    private Machine() {
    }

    static Map<String, String> describe(Path workDir) {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String memKib = firstValue(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
        machine.put("memory", memKib.isEmpty() ? "?" : Math.round(Long.parseLong(memKib) / 1048576.0) + " GiB");
        try {
            FileStore store = Files.getFileStore(workDir);
            machine.put("disk", store.type() + " on " + store.name() + " (work dir " + workDir + ")");
        } catch (IOException e) {
            machine.put("disk", "?");
        }
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    /**
     * Writes and deletes a scratch file of {@code bytes} (at most the available memory less what the brokers
     * and generators need, and half the free disk space), so that the page cache the brokers fill afterwards
     * lands on memory the machine has touched before. On a fresh virtual machine the first write to each page
     * costs several times the copy itself, and whichever broker ran first would pay it for both. The kernel
     * hands out free pages whether they were touched or not, so priming only as much as one broker writes
     * leaves it fresh pages; and where the host takes freed memory back (free page reporting), the priming
     * holds only until it does.
     */
    static long primePageCache(Path workDir, long bytes) throws IOException {
        String available = firstValue(Path.of("/proc/meminfo"), "MemAvailable").replace("kB", "").trim();
        long limit = available.isEmpty() || available.equals("?") ? bytes
                : Math.max(0, Long.parseLong(available) * 1024 - PROCESS_MEMORY);
        long size = Math.min(Math.min(bytes, limit), Files.getFileStore(workDir).getUsableSpace() / 2);
        Path scratch = workDir.resolve("prime-page-cache.tmp");
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; written += block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        return size;
    }

    /** Writes every dirty page of the machine back to disk ({@code sync}) and waits for it. */
    static void flushDirtyPages() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (sync.waitFor() != 0) {
            throw new IOException("sync failed with exit code " + sync.exitValue());
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }
}
