package dev.sluice.bench;

/** One measured step of a round, run against each broker the same way. */
interface Workload {

    /** Short unique name, used for topics, output files and {@code --workloads} filters. */
    String id();

    /** The part of the workload table row that names it, e.g. "produce 100 B acks=all 1 partition". */
    String title();

    /** Whether the warm-up after each broker start runs this workload, with fewer records and unmeasured. */
    default boolean warmsUp() {
        return false;
    }

    /** The id of the workload that writes what this one reads, if any; it has to run earlier in the round. */
    default String reads() {
        return null;
    }

    void run(Round round) throws Exception;
}
