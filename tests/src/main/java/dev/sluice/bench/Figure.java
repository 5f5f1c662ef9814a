package dev.sluice.bench;

/** One number the benchmark reports for each broker, e.g. the throughput of one workload. */
record Figure(String workload, String metric, String unit, boolean higherIsBetter) {

    static Figure startup() {
        return new Figure("broker", "startup to first Metadata answer", "s", false);
    }

    static Figure rssAfterProduce() {
        return new Figure("broker", "RSS after produce", "MB", false);
    }

    static Figure throughput(String workload) {
        return new Figure(workload, "throughput", "records/s", true);
    }

    static Figure cpuPerMillion(String workload) {
        return new Figure(workload, "broker CPU", "s per 1M records", false);
    }

    /** The part of {@link #cpuPerMillion} the kernel spent on the broker's behalf: system calls, TCP, page cache. */
    static Figure kernelCpuPerMillion(String workload) {
        return new Figure(workload, "broker CPU in the kernel", "s per 1M records", false);
    }

    /** The part of {@link #cpuPerMillion} the broker's JIT compiler threads used: a JVM still compiling. */
    static Figure compilerCpuPerMillion(String workload) {
        return new Figure(workload, "broker CPU in the JIT compilers", "s per 1M records", false);
    }

    /**
     * CPU the load generator itself used: on two cores, when it needs more than a core the broker cannot speed
     * it up, and on loopback part of the TCP work lands in whichever process drives the socket at the time.
     */
    static Figure generatorCpuPerMillion(String workload) {
        return new Figure(workload, "generator CPU", "s per 1M records", false);
    }

    static Figure latency(String workload, String percentile) {
        return new Figure(workload, percentile + " latency", "ms", false);
    }
}
