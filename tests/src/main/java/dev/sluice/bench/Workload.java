package dev.sluice.bench;

/** One measured step of a round, run against each broker the same way. */
interface Workload {

    /** Short unique name, used for topics, output files and {@code --workloads} filters. */
    String id();

    /** The part of the workload table row that names it, e.g. "produce 100 B acks=all 1 partition". */
    String title();

    void run(Round round) throws Exception;
}
