package dev.sluice.bench;

import java.nio.file.Path;
import java.util.List;

/** The benchmark's parameters, fixed for a whole run. */
record Settings(Path home, Path workDir, int rounds, long records, List<Integer> rates, long warmUpRecords, int warmUpSeconds, int latencySeconds,
        int endToEndRate, int endToEndSeconds, boolean interactive, String harnessClasspath,
        String kafkaClasspath) {

    /** 1 KiB workloads move a quarter of the records so that each workload writes a similar volume. */
    long recordsFor(int recordSize) {
        return recordSize >= 1024 ? Math.max(1, records / 4) : records;
    }

    /**
     * Roughly what one broker writes in a round: the produce workloads with each record's batch overhead, the
     * warm-up and the latency workloads at their rates.
     */
    long bytesPerRound() {
        long produce = 8 * (records * (100 + 70) + recordsFor(1024) * (1024 + 70));
        long latency = rates.stream().mapToLong(rate -> (long) rate * (warmUpSeconds + latencySeconds)).sum() * 170;
        return produce + 2 * warmUpRecords * 170 + latency;
    }

    /** Generous per-generator limit, so a hung generator fails the run instead of stalling it. */
    long timeoutSeconds(long records) {
        return 120 + records / 2_000;
    }
}
