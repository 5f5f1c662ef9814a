package dev.sluice.broker.groups;

import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A classic (JoinGroup/SyncGroup) group and its committed offsets. Every field is guarded by the object's lock. */
final class ClassicGroup {
    final String groupId;
    GroupState state = GroupState.EMPTY;
    int generation;
    String protocolType;
    String protocolName;
    String leaderId;
    /** In join order: the first member to join a generation becomes its leader when the old one is gone. */
    final Map<String, Member> members = new LinkedHashMap<>();
    /** Static members: group.instance.id to the member id it currently holds. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, to when they lapse unless the member joins with them. */
    final Map<String, Long> pendingMembers = new HashMap<>();
    final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** While preparing a rebalance: when it completes with whoever has joined. */
    long joinDeadlineMs;
    long rebalanceStartMs;
    /** Whether the first rebalance of an empty group is still waiting group.initial.rebalance.delay.ms for more. */
    boolean initialDelay;
    /** While completing a rebalance: when members that have not sent SyncGroup are dropped. */
    long syncDeadlineMs;
    /** When the group last became empty, or the broker loaded it; 0 for a group that only stores offsets. */
    long emptySinceMs;

    ClassicGroup(String groupId) {
        this.groupId = groupId;
    }

    int rebalanceTimeoutMs() {
        int timeout = 0;
        for (Member member : members.values()) {
            timeout = Math.max(timeout, member.rebalanceTimeoutMs);
        }
        return timeout;
    }

    boolean allMembersJoined() {
        if (!pendingMembers.isEmpty()) {
            return false;
        }
        for (Member member : members.values()) {
            if (member.awaitingJoin == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether a member of this type with these protocols could join: Kafka's rule, counting every member. */
    boolean supports(String type, Iterable<GroupCoordinator.Protocol> protocols) {
        if (members.isEmpty()) {
            return true;
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        for (GroupCoordinator.Protocol protocol : protocols) {
            if (members.values().stream().allMatch(m -> m.supports(protocol.name()))) {
                return true;
            }
        }
        return false;
    }

    /** The protocol every member supports that most members prefer; ties go to the first member's order. */
    String selectProtocol() {
        Member first = members.values().iterator().next();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupCoordinator.Protocol p : first.protocols) {
            if (members.values().stream().allMatch(m -> m.supports(p.name()))) {
                votes.put(p.name(), 0);
            }
        }
        for (Member member : members.values()) {
            for (GroupCoordinator.Protocol p : member.protocols) {
                if (votes.containsKey(p.name())) {
                    votes.merge(p.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = null;
        int most = -1;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > most) {
                best = vote.getKey();
                most = vote.getValue();
            }
        }
        return best;
    }
}
