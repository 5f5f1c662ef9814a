package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on. */
final class Machine {
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
