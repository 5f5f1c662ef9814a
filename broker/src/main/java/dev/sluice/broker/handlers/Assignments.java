package dev.sluice.broker.handlers;

import java.util.List;

/** Validation of manual replica assignments against the brokers that exist (this one). */
final class Assignments {
    private Assignments() {
    }

    /** Null when every partition is assigned to exactly this broker, else what is wrong. */
    static String check(List<List<Integer>> assignments, int nodeId) {
        for (int p = 0; p < assignments.size(); p++) {
            List<Integer> replicas = assignments.get(p);
            if (replicas.isEmpty()) {
                return "Partition " + p + " has no replicas assigned.";
            }
            if (replicas.size() != 1 || replicas.get(0) != nodeId) {
                return "Replica assignment " + replicas + " for partition " + p + " names brokers that do not exist; the only broker is " + nodeId + ".";
            }
        }
        return null;
    }
}
