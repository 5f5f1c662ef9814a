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
    /**
     * Free memory the ballast leaves: the kernel's reserves and the first allocations of the processes started
     * next, beyond which they take pages from the ballast.
     */
    static final long BALLAST_RESERVE = 1L << 30;

    private Machine() {
    }

    static Map<String, String> describe(Path workDir) {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", Math.round(meminfoBytes("MemTotal") / (double) (1L << 30)) + " GiB");
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
     * Replaces the ballast file with one that fills the free memory but {@code BALLAST_RESERVE} (at most
     * {@code maxBytes} and half the free disk) and writes it back to disk, so that it is clean page cache the
     * kernel can take back at once. A broker started afterwards gets the pages for its writes by reclaiming
     * ballast, as on a machine whose page cache is full, and not from the free lists. On a virtual machine whose
     * balloon reports free pages to the host, free pages soon become fresh memory that the host has to hand back
     * on first touch, at several times the cost of the copy, and each round deletes gigabytes, so without the
     * ballast which broker paid for that would be up to the host. Returns the ballast's size in bytes.
     */
    static long refillBallast(Path file, long maxBytes) throws IOException {
        Files.deleteIfExists(file);
        long free = meminfoBytes("MemFree");
        long size = Math.min(Math.min(maxBytes, Math.max(0, free - BALLAST_RESERVE)),
                Files.getFileStore(file.getParent()).getUsableSpace() / 2);
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
            channel.force(true);
        }
        return size;
    }

    /** A value of /proc/meminfo in bytes. */
    static long meminfoBytes(String key) {
        String kib = firstValue(Path.of("/proc/meminfo"), key).replace("kB", "").trim();
        if (kib.equals("?")) {
            throw new IllegalStateException("no " + key + " in /proc/meminfo");
        }
        return Long.parseLong(kib) * 1024;
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
