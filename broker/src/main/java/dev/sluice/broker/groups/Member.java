package dev.sluice.broker.groups;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One member of a classic group. Guarded by its group's lock. */
final class Member {
    static final byte[] NO_ASSIGNMENT = new byte[0];

    final String memberId;
    final String instanceId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<GroupCoordinator.Protocol> protocols;
    byte[] assignment = NO_ASSIGNMENT;
    long lastHeartbeatMs;
    /** The pending JoinGroup answer while the member waits for the rebalance to complete. */
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    /** The pending SyncGroup answer while the member waits for the leader's assignment. */
    CompletableFuture<SyncGroupResponseData> awaitingSync;

    Member(String memberId, String instanceId) {
        this.memberId = memberId;
        this.instanceId = instanceId;
    }

    void update(GroupCoordinator.JoinRequest request) {
        clientId = request.clientId();
        clientHost = request.clientHost();
        sessionTimeoutMs = request.sessionTimeoutMs();
        rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        protocols = request.protocols();
    }

    /** A copy under a new id, for a static member that rejoined without its old id. */
    Member replacedBy(String newMemberId) {
        Member copy = new Member(newMemberId, instanceId);
        copy.clientId = clientId;
        copy.clientHost = clientHost;
        copy.sessionTimeoutMs = sessionTimeoutMs;
        copy.rebalanceTimeoutMs = rebalanceTimeoutMs;
        copy.protocols = protocols;
        copy.assignment = assignment;
        return copy;
    }

    byte[] metadata(String protocol) {
        for (GroupCoordinator.Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return NO_ASSIGNMENT;
    }

    boolean supports(String protocol) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocol));
    }

    boolean sameProtocols(List<GroupCoordinator.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            GroupCoordinator.Protocol a = protocols.get(i);
            GroupCoordinator.Protocol b = other.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    boolean isAwaiting() {
        return awaitingJoin != null || awaitingSync != null;
    }
}
