package dev.sluice.bench;

import java.nio.file.Path;
import java.util.List;

/** The benchmark's parameters, fixed for a whole run. */
record Settings(Path home, Path workDir, int rounds, long records, List<Integer> rates, long warmUpRecords,
        int warmUpPasses, int consumePasses, int warmUpSeconds, int latencySeconds, int endToEndRate,
        int endToEndWarmUpSeconds, int endToEndSeconds, boolean interactive, String harnessClasspath,
        String kafkaClasspath) {

    /** 1 KiB workloads move a quarter of the records so that each workload writes a similar volume. */
    long recordsFor(int recordSize) {
        return quarterForKib(recordSize, records);
    }

    long warmUpRecordsFor(int recordSize) {
        return quarterForKib(recordSize, warmUpRecords);
    }

    private static long quarterForKib(int recordSize, long records) {
        return recordSize >= 1024 ? Math.max(1, records / 4) : records;
    }

    /** Generous per-generator limit, so a hung generator fails the run instead of stalling it. */
    long timeoutSeconds(long records) {
        return 120 + records / 2_000;
    }
}
