package dev.sluice.broker.handlers;

import org.apache.kafka.common.protocol.Errors;

/** Kafka's check of the leader epoch a client believes in against the partition's (KIP-320). */
final class LeaderEpochs {
    static final int UNKNOWN = -1;

    private LeaderEpochs() {
    }

    static Errors check(int clientEpoch, int leaderEpoch) {
        if (clientEpoch == UNKNOWN || clientEpoch == leaderEpoch) {
            return Errors.NONE;
        }
        return clientEpoch < leaderEpoch ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH;
    }
}
