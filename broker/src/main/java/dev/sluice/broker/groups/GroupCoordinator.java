package dev.sluice.broker.groups;

import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The group coordinator for classic groups (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) and for committed
 * offsets. Group state lives in memory; committed offsets are written to the {@link OffsetStore} before they
 * are acknowledged and replayed from it on start. Membership is not stored: after a restart, members find
 * their group empty, get UNKNOWN_MEMBER_ID and join again, as after a coordinator move in Kafka.
 *
 * <p>Thread-safe: each group is guarded by its own lock, so requests for different groups never contend.
 * Timeouts (sessions, rebalances, lapsed member ids) and offset expiry are enforced by {@link #tick}, which
 * the broker calls periodically.
 */
public final class GroupCoordinator {
    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    /** Limits from the broker configuration. */
    public record Settings(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs,
                           int maxMetadataBytes, long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs) {
    }

    /** One protocol a member supports, with its metadata (for consumers, the serialized subscription). */
    public record Protocol(String name, byte[] metadata) {
    }

    /** A JoinGroup request. {@code requireKnownMemberId} is set from v4 on. */
    public record JoinRequest(String groupId, String memberId, String instanceId, String clientId, String clientHost,
                              int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<Protocol> protocols, boolean requireKnownMemberId) {
    }

    /** A member named in LeaveGroup. */
    public record LeavingMember(String memberId, String instanceId) {
    }

    /** LeaveGroup's answer: a group-level error and one per member named. */
    public record LeaveResult(Errors error, List<Errors> members) {
    }

    /** A row of ListGroups. */
    public record Listing(String groupId, String protocolType, String state) {
    }

    /** OffsetDelete's answer: a group-level error, else one per partition. */
    public record OffsetDeleteResult(Errors error, Map<TopicPartition, Errors> partitions) {
    }

    /**
     * A live group as the metrics show it: its lag is measured from each committed offset to the end its
     * partition has, summed and at most, over the partitions that still exist.
     */
    public record Summary(String groupId, GroupState state, int members, int generation, long lag, long maxLag) {
    }

    private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final OffsetStore store;
    private final Settings settings;
    private final LongSupplier clock;
    /** When {@link #tick} next looks for expired offsets; only tick, which never runs concurrently, uses it. */
    private long nextExpiryCheckMs;
    /** Runs {@link #tick} at the next deadline once {@link #start} has been called. */
    private volatile DeadlineTimer timer;

    public GroupCoordinator(OffsetStore store, Settings settings, LongSupplier clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.nextExpiryCheckMs = clock.getAsLong() + settings.offsetsRetentionCheckIntervalMs();
    }

    /**
     * Rebuilds the committed offsets from the store. Call once, before serving requests. Loaded groups count as
     * emptied now: the store does not say when their members left, and their offsets must not expire before
     * the members that were there have had a chance to come back.
     */
    public void load() {
        store.replay(new OffsetStore.Replay() {
            @Override
            public void committed(String group, TopicPartition partition, CommittedOffset offset) {
                groups.computeIfAbsent(group, ClassicGroup::new).offsets.put(partition, offset);
            }

            @Override
            public void deleted(String group, TopicPartition partition) {
                ClassicGroup g = groups.get(group);
                if (g != null) {
                    g.offsets.remove(partition);
                    if (g.offsets.isEmpty()) {
                        groups.remove(group);
                    }
                }
            }
        });
        long now = clock.getAsLong();
        groups.values().forEach(group -> group.emptySinceMs = now);
        log.info("Loaded the committed offsets of {} groups", groups.size());
    }

    /**
     * Starts expiring sessions, rebalance deadlines and offsets on these threads. Each runs when its deadline
     * comes, so a coordinator whose groups have nothing due does not wake.
     */
    public void start(ScheduledExecutorService executor) {
        timer = new DeadlineTimer(executor, clock, this::tick);
        timer.wakeBy(clock.getAsLong());
    }

    /** Not empty, and short enough for the offsets log's keys, which give a group id a 16-bit length. */
    private static boolean validGroupId(String groupId) {
        return groupId != null && !groupId.isEmpty()
                && (groupId.length() <= Short.MAX_VALUE / 3
                    || groupId.getBytes(StandardCharsets.UTF_8).length <= Short.MAX_VALUE);
    }

    /**
     * Whether the group's committed offsets are loaded. When they are not (their log failed to open), every
     * request about the group gets COORDINATOR_NOT_AVAILABLE, so that no consumer takes unknown offsets for
     * absent ones and resets its position.
     */
    public boolean available(String groupId) {
        return store.available(groupId);
    }

    public int maxMetadataBytes() {
        return settings.maxMetadataBytes();
    }

    // ---- JoinGroup -------------------------------------------------------------------------------------

    public CompletableFuture<JoinGroupResponseData> join(JoinRequest request) {
        if (!validGroupId(request.groupId())) {
            return joinError(Errors.INVALID_GROUP_ID, request.memberId());
        }
        if (request.sessionTimeoutMs() < settings.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > settings.maxSessionTimeoutMs()) {
            return joinError(Errors.INVALID_SESSION_TIMEOUT, request.memberId());
        }
        if (request.protocolType() == null || request.protocolType().isEmpty() || request.protocols().isEmpty()) {
            return joinError(Errors.INCONSISTENT_GROUP_PROTOCOL, request.memberId());
        }
        if (!available(request.groupId())) {
            return joinError(Errors.COORDINATOR_NOT_AVAILABLE, request.memberId());
        }
        ClassicGroup group = groups.computeIfAbsent(request.groupId(), ClassicGroup::new);
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return joinError(Errors.COORDINATOR_NOT_AVAILABLE, request.memberId());
            }
            if (!group.supports(request.protocolType(), request.protocols())) {
                return joinError(Errors.INCONSISTENT_GROUP_PROTOCOL, request.memberId());
            }
            long now = clock.getAsLong();
            CompletableFuture<JoinGroupResponseData> answer = request.memberId().isEmpty()
                    ? joinUnknown(group, request, now) : joinKnown(group, request, now);
            wakeByDeadlineOf(group);
            return answer;
        }
    }

    private CompletableFuture<JoinGroupResponseData> joinUnknown(ClassicGroup group, JoinRequest request, long now) {
        String prefix = request.instanceId() != null ? request.instanceId() : request.clientId();
        String memberId = prefix + "-" + UUID.randomUUID();
        if (request.instanceId() != null) {
            String oldId = group.staticMembers.get(request.instanceId());
            Member member;
            String currentLeader = group.leaderId;
            if (oldId != null) {
                // A restarted static member takes over its old identity; the old id is fenced.
                Member old = group.members.remove(oldId);
                fence(old);
                member = old.replacedBy(memberId);
                if (oldId.equals(group.leaderId)) {
                    group.leaderId = memberId;
                }
            } else {
                member = new Member(memberId, request.instanceId());
            }
            group.members.put(memberId, member);
            group.staticMembers.put(request.instanceId(), memberId);
            member.update(request);
            if (oldId != null && group.state == GroupState.STABLE && group.protocolName.equals(group.selectProtocol())) {
                // Back without changing the group's protocol: it keeps its assignment and the group does not
                // rebalance (KIP-345; its metadata may differ, a restarted consumer owns no partitions yet). The
                // leader named is the one before the swap, so that the returning member does not take itself
                // for the leader and reassign in a group that will not pass a new assignment on.
                member.lastHeartbeatMs = now;
                return CompletableFuture.completedFuture(new JoinGroupResponseData().setErrorCode(Errors.NONE.code())
                        .setGenerationId(group.generation).setProtocolType(group.protocolType)
                        .setProtocolName(group.protocolName).setLeader(currentLeader).setMemberId(memberId)
                        .setMembers(List.of()));
            }
            return awaitJoin(group, member, request, now, true);
        }
        if (request.requireKnownMemberId()) {
            group.pendingMembers.put(memberId, now + request.sessionTimeoutMs());
            return joinError(Errors.MEMBER_ID_REQUIRED, memberId);
        }
        Member member = new Member(memberId, null);
        group.members.put(memberId, member);
        return awaitJoin(group, member, request, now, true);
    }

    private CompletableFuture<JoinGroupResponseData> joinKnown(ClassicGroup group, JoinRequest request, long now) {
        String memberId = request.memberId();
        if (group.pendingMembers.remove(memberId) != null) {
            Member member = new Member(memberId, null);
            group.members.put(memberId, member);
            return awaitJoin(group, member, request, now, true);
        }
        Member member = group.members.get(memberId);
        Errors invalid = validateMember(group, member, memberId, request.instanceId());
        if (invalid != Errors.NONE) {
            return joinError(invalid, memberId);
        }
        switch (group.state) {
            case PREPARING_REBALANCE:
                return awaitJoin(group, member, request, now, false);
            case COMPLETING_REBALANCE:
                if (member.sameProtocols(request.protocols())) {
                    // A retried JoinGroup whose answer was lost: send the same answer again.
                    member.lastHeartbeatMs = now;
                    return CompletableFuture.completedFuture(joinResponse(group, member));
                }
                return awaitJoin(group, member, request, now, false);
            case STABLE:
                if (memberId.equals(group.leaderId) || !member.sameProtocols(request.protocols())) {
                    // The leader rejoins to trigger a rebalance (a subscription change); so does changed metadata.
                    return awaitJoin(group, member, request, now, false);
                }
                member.lastHeartbeatMs = now;
                return CompletableFuture.completedFuture(joinResponse(group, member));
            default:
                return joinError(Errors.UNKNOWN_MEMBER_ID, memberId);
        }
    }

    private CompletableFuture<JoinGroupResponseData> awaitJoin(ClassicGroup group, Member member, JoinRequest request,
                                                               long now, boolean isNew) {
        member.update(request);
        member.lastHeartbeatMs = now;
        if (group.protocolType == null || group.members.size() == 1) {
            group.protocolType = request.protocolType();
        }
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(joinFailure(Errors.REBALANCE_IN_PROGRESS, member.memberId));
        }
        CompletableFuture<JoinGroupResponseData> answer = new CompletableFuture<>();
        member.awaitingJoin = answer;
        if (group.state == GroupState.PREPARING_REBALANCE) {
            if (group.initialDelay && isNew) {
                group.joinDeadlineMs = Math.min(now + settings.initialRebalanceDelayMs(),
                        group.rebalanceStartMs + group.rebalanceTimeoutMs());
            }
        } else {
            prepareRebalance(group, now);
        }
        tryCompleteJoin(group, now);
        return answer;
    }

    private void prepareRebalance(ClassicGroup group, long now) {
        if (group.state == GroupState.COMPLETING_REBALANCE) {
            for (Member member : group.members.values()) {
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(syncFailure(Errors.REBALANCE_IN_PROGRESS));
                    member.awaitingSync = null;
                }
            }
        }
        for (Member member : group.members.values()) {
            member.assignment = Member.NO_ASSIGNMENT;
        }
        boolean fromEmpty = group.state == GroupState.EMPTY;
        group.state = GroupState.PREPARING_REBALANCE;
        group.rebalanceStartMs = now;
        int timeout = group.rebalanceTimeoutMs();
        group.initialDelay = fromEmpty && settings.initialRebalanceDelayMs() > 0;
        group.joinDeadlineMs = now + (group.initialDelay ? Math.min(settings.initialRebalanceDelayMs(), timeout) : timeout);
    }

    private void tryCompleteJoin(ClassicGroup group, long now) {
        if (group.state == GroupState.PREPARING_REBALANCE && !group.initialDelay && group.allMembersJoined()) {
            completeJoin(group, now);
        }
    }

    /** Starts the next generation with the members that have joined; the others are dropped. */
    private void completeJoin(ClassicGroup group, long now) {
        for (Member member : new ArrayList<>(group.members.values())) {
            if (member.awaitingJoin == null) {
                remove(group, member, Errors.UNKNOWN_MEMBER_ID);
            }
        }
        group.pendingMembers.clear();
        group.generation++;
        if (group.members.isEmpty()) {
            group.state = GroupState.EMPTY;
            group.emptySinceMs = now;
            group.protocolName = null;
            group.leaderId = null;
            return;
        }
        group.protocolName = group.selectProtocol();
        group.state = GroupState.COMPLETING_REBALANCE;
        if (group.leaderId == null || !group.members.containsKey(group.leaderId)) {
            group.leaderId = group.members.keySet().iterator().next();
        }
        group.syncDeadlineMs = now + group.rebalanceTimeoutMs();
        for (Member member : group.members.values()) {
            member.lastHeartbeatMs = now;
            CompletableFuture<JoinGroupResponseData> answer = member.awaitingJoin;
            member.awaitingJoin = null;
            answer.complete(joinResponse(group, member));
        }
    }

    private static JoinGroupResponseData joinResponse(ClassicGroup group, Member member) {
        List<JoinGroupResponseMember> members = new ArrayList<>();
        if (member.memberId.equals(group.leaderId)) {
            for (Member m : group.members.values()) {
                members.add(new JoinGroupResponseMember().setMemberId(m.memberId).setGroupInstanceId(m.instanceId)
                        .setMetadata(m.metadata(group.protocolName)));
            }
        }
        return new JoinGroupResponseData().setErrorCode(Errors.NONE.code()).setGenerationId(group.generation)
                .setProtocolType(group.protocolType).setProtocolName(group.protocolName).setLeader(group.leaderId)
                .setMemberId(member.memberId).setMembers(members);
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(Errors error, String memberId) {
        return CompletableFuture.completedFuture(joinFailure(error, memberId));
    }

    private static JoinGroupResponseData joinFailure(Errors error, String memberId) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setGenerationId(-1).setProtocolName(null)
                .setLeader("").setMemberId(memberId == null ? "" : memberId);
    }

    /** Why a request naming this member id and instance id is refused, or NONE. */
    private static Errors validateMember(ClassicGroup group, Member member, String memberId, String instanceId) {
        if (instanceId != null) {
            String current = group.staticMembers.get(instanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (member.instanceId != null && !member.instanceId.equals(instanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        return Errors.NONE;
    }

    private static void fence(Member old) {
        if (old.awaitingJoin != null) {
            old.awaitingJoin.complete(joinFailure(Errors.FENCED_INSTANCE_ID, old.memberId));
            old.awaitingJoin = null;
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.complete(syncFailure(Errors.FENCED_INSTANCE_ID));
            old.awaitingSync = null;
        }
    }

    // ---- SyncGroup, Heartbeat, LeaveGroup ------------------------------------------------------------

    public CompletableFuture<SyncGroupResponseData> sync(String groupId, int generation, String memberId,
                                                         String instanceId, String protocolType, String protocolName,
                                                         Map<String, byte[]> assignments) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(syncFailure(Errors.UNKNOWN_MEMBER_ID));
        }
        synchronized (group) {
            Errors invalid = validateGeneration(group, memberId, instanceId, generation);
            if (invalid == Errors.NONE && ((protocolType != null && !protocolType.equals(group.protocolType))
                    || (protocolName != null && !protocolName.equals(group.protocolName)))) {
                invalid = Errors.INCONSISTENT_GROUP_PROTOCOL;
            }
            if (invalid != Errors.NONE) {
                return CompletableFuture.completedFuture(syncFailure(invalid));
            }
            Member member = group.members.get(memberId);
            member.lastHeartbeatMs = clock.getAsLong();
            switch (group.state) {
                case COMPLETING_REBALANCE: {
                    CompletableFuture<SyncGroupResponseData> answer = new CompletableFuture<>();
                    if (member.awaitingSync != null) {
                        member.awaitingSync.complete(syncFailure(Errors.REBALANCE_IN_PROGRESS));
                    }
                    member.awaitingSync = answer;
                    if (memberId.equals(group.leaderId)) {
                        for (Member m : group.members.values()) {
                            m.assignment = assignments.getOrDefault(m.memberId, Member.NO_ASSIGNMENT);
                        }
                        group.state = GroupState.STABLE;
                        for (Member m : group.members.values()) {
                            if (m.awaitingSync != null) {
                                m.awaitingSync.complete(syncResponse(group, m));
                                m.awaitingSync = null;
                            }
                        }
                        // Only now do the members' sessions count again: they were awaiting their answers.
                        wakeByDeadlineOf(group);
                    }
                    return answer;
                }
                case STABLE:
                    return CompletableFuture.completedFuture(syncResponse(group, member));
                default:
                    return CompletableFuture.completedFuture(syncFailure(Errors.REBALANCE_IN_PROGRESS));
            }
        }
    }

    private static SyncGroupResponseData syncResponse(ClassicGroup group, Member member) {
        return new SyncGroupResponseData().setErrorCode(Errors.NONE.code()).setProtocolType(group.protocolType)
                .setProtocolName(group.protocolName).setAssignment(member.assignment);
    }

    private static SyncGroupResponseData syncFailure(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setProtocolType(null).setProtocolName(null)
                .setAssignment(Member.NO_ASSIGNMENT);
    }

    /** Membership and generation checks shared by SyncGroup, Heartbeat and OffsetCommit. */
    private static Errors validateGeneration(ClassicGroup group, String memberId, String instanceId, int generation) {
        if (group.state == GroupState.DEAD) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors invalid = validateMember(group, group.members.get(memberId), memberId, instanceId);
        if (invalid != Errors.NONE) {
            return invalid;
        }
        return generation == group.generation ? Errors.NONE : Errors.ILLEGAL_GENERATION;
    }

    public Errors heartbeat(String groupId, String memberId, String instanceId, int generation) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        synchronized (group) {
            Errors invalid = validateGeneration(group, memberId, instanceId, generation);
            if (invalid != Errors.NONE) {
                return invalid;
            }
            group.members.get(memberId).lastHeartbeatMs = clock.getAsLong();
            return group.state == GroupState.PREPARING_REBALANCE ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
        }
    }

    public LeaveResult leave(String groupId, List<LeavingMember> leaving) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return new LeaveResult(Errors.NONE, leaving.stream().map(m -> Errors.UNKNOWN_MEMBER_ID).toList());
        }
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return new LeaveResult(Errors.COORDINATOR_NOT_AVAILABLE, List.of());
            }
            long now = clock.getAsLong();
            List<Errors> results = new ArrayList<>();
            for (LeavingMember leavingMember : leaving) {
                results.add(leaveOne(group, leavingMember, now));
            }
            wakeByDeadlineOf(group);
            return new LeaveResult(Errors.NONE, results);
        }
    }

    private Errors leaveOne(ClassicGroup group, LeavingMember leaving, long now) {
        String memberId = leaving.memberId();
        if (leaving.instanceId() != null) {
            String current = group.staticMembers.get(leaving.instanceId());
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            // A static member may leave by instance id alone (the admin client's removeMembersFromConsumerGroup).
            if (!memberId.isEmpty() && !memberId.equals(current)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            memberId = current;
        }
        if (group.pendingMembers.remove(memberId) != null) {
            tryCompleteJoin(group, now);
            return Errors.NONE;
        }
        Member member = group.members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        remove(group, member, Errors.UNKNOWN_MEMBER_ID);
        afterRemoval(group, now);
        return Errors.NONE;
    }

    private static void remove(ClassicGroup group, Member member, Errors answer) {
        group.members.remove(member.memberId);
        if (member.instanceId != null && member.memberId.equals(group.staticMembers.get(member.instanceId))) {
            group.staticMembers.remove(member.instanceId);
        }
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(joinFailure(answer, member.memberId));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncFailure(answer));
            member.awaitingSync = null;
        }
        if (member.memberId.equals(group.leaderId)) {
            group.leaderId = null;
        }
    }

    private void afterRemoval(ClassicGroup group, long now) {
        if (group.state == GroupState.STABLE || group.state == GroupState.COMPLETING_REBALANCE) {
            prepareRebalance(group, now);
        }
        tryCompleteJoin(group, now);
    }

    // ---- Timeouts -----------------------------------------------------------------------------------

    /**
     * Expires sessions, lapsed member ids and rebalance deadlines, and every
     * {@code offsetsRetentionCheckIntervalMs} committed offsets. Never called concurrently. Returns when it
     * next has something to do, in the clock's milliseconds.
     */
    public long tick() {
        long now = clock.getAsLong();
        boolean expireOffsets = now >= nextExpiryCheckMs;
        if (expireOffsets) {
            nextExpiryCheckMs = now + settings.offsetsRetentionCheckIntervalMs();
        }
        long next = nextExpiryCheckMs;
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                // Expiry first: a group that empties in this tick is removed at a later check, as in Kafka.
                if (expireOffsets) {
                    expireOffsets(group, now);
                }
                tick(group, now);
                next = Math.min(next, nextDeadline(group));
            }
        }
        return next;
    }

    /** Has the timer run no later than the group's next deadline: call after a change that may bring it forward. */
    private void wakeByDeadlineOf(ClassicGroup group) {
        DeadlineTimer current = timer;
        if (current != null) {
            current.wakeBy(nextDeadline(group));
        }
    }

    /** The earliest time {@link #tick(ClassicGroup, long)} has something to do for the group. */
    private static long nextDeadline(ClassicGroup group) {
        long next = Long.MAX_VALUE;
        if (group.state == GroupState.DEAD) {
            return next;
        }
        for (long deadline : group.pendingMembers.values()) {
            next = Math.min(next, deadline);
        }
        for (Member member : group.members.values()) {
            if (!member.isAwaiting()) {
                next = Math.min(next, member.lastHeartbeatMs + member.sessionTimeoutMs);
            }
        }
        if (group.state == GroupState.PREPARING_REBALANCE) {
            next = Math.min(next, group.joinDeadlineMs);
        } else if (group.state == GroupState.COMPLETING_REBALANCE) {
            next = Math.min(next, group.syncDeadlineMs);
        }
        return next;
    }

    private void tick(ClassicGroup group, long now) {
        if (group.state == GroupState.DEAD) {
            return;
        }
        if (group.pendingMembers.values().removeIf(deadline -> deadline <= now)) {
            tryCompleteJoin(group, now);
        }
        for (Member member : new ArrayList<>(group.members.values())) {
            if (!member.isAwaiting() && now - member.lastHeartbeatMs >= member.sessionTimeoutMs) {
                log.info("Member {} of group {} missed its session timeout of {} ms", member.memberId,
                        group.groupId, member.sessionTimeoutMs);
                remove(group, member, Errors.UNKNOWN_MEMBER_ID);
                afterRemoval(group, now);
            }
        }
        if (group.state == GroupState.PREPARING_REBALANCE && now >= group.joinDeadlineMs) {
            group.initialDelay = false;
            completeJoin(group, now);
        } else if (group.state == GroupState.COMPLETING_REBALANCE && now >= group.syncDeadlineMs) {
            for (Member member : new ArrayList<>(group.members.values())) {
                if (member.awaitingSync == null) {
                    remove(group, member, Errors.UNKNOWN_MEMBER_ID);
                }
            }
            afterRemoval(group, now);
        }
    }

    /**
     * Kafka's expiry rules for classic groups: in an empty group every offset expires the retention time after
     * the later of its last commit and the group becoming empty; in a stable consumer group only offsets of
     * topics no member subscribes to expire, the retention time after their last commit. An empty group left
     * without offsets is removed.
     */
    private void expireOffsets(ClassicGroup group, long now) {
        boolean empty = group.state == GroupState.EMPTY;
        Set<String> kept = empty ? Set.of() : group.state == GroupState.STABLE ? subscribedTopics(group) : null;
        if (kept == null) {
            return;
        }
        long emptySince = empty ? group.emptySinceMs : 0;
        List<TopicPartition> expired = new ArrayList<>();
        group.offsets.forEach((partition, offset) -> {
            if (!kept.contains(partition.topic())
                    && now - Math.max(emptySince, offset.commitTimestampMs()) >= settings.offsetsRetentionMs()) {
                expired.add(partition);
            }
        });
        if (!forget(group, expired)) {
            return;
        }
        if (!expired.isEmpty()) {
            log.info("Removed {} expired offsets of group {}", expired.size(), group.groupId);
        }
        if (empty && group.offsets.isEmpty() && group.members.isEmpty() && group.pendingMembers.isEmpty()) {
            group.state = GroupState.DEAD;
            groups.remove(group.groupId, group);
        }
    }

    /**
     * Deletes these committed offsets of the group: tombstones in the store, then from memory. Returns false,
     * having changed nothing, when the store refused the write.
     */
    private boolean forget(ClassicGroup group, List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return true;
        }
        Map<TopicPartition, CommittedOffset> tombstones = new LinkedHashMap<>();
        partitions.forEach(partition -> tombstones.put(partition, null));
        try {
            store.write(group.groupId, tombstones);
        } catch (RuntimeException e) {
            log.warn("Could not delete the offsets of group {} in {}", group.groupId, partitions, e);
            return false;
        }
        partitions.forEach(group.offsets::remove);
        return true;
    }

    /** The topics the members of a consumer group subscribe to, or null when that cannot be told. */
    private static Set<String> subscribedTopics(ClassicGroup group) {
        if (!ConsumerProtocol.PROTOCOL_TYPE.equals(group.protocolType) || group.protocolName == null) {
            return null;
        }
        Set<String> subscribed = new HashSet<>();
        for (Member member : group.members.values()) {
            try {
                subscribed.addAll(ConsumerProtocol.deserializeSubscription(
                        ByteBuffer.wrap(member.metadata(group.protocolName))).topics());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return subscribed;
    }

    // ---- Offsets ------------------------------------------------------------------------------------

    /**
     * Commits offsets for the group: as a member of the given generation, or with a negative generation for a
     * group that does not exist (it is created) or has no members, whatever member id comes with it, as in
     * Kafka. A generation for a group that does not exist gets GROUP_ID_NOT_FOUND. Validated offsets only: the
     * handler has refused unknown partitions and oversized metadata already.
     */
    public CompletableFuture<Errors> commit(String groupId, int generation, String memberId, String instanceId,
                                            Map<TopicPartition, CommittedOffset> offsets) {
        if (!validGroupId(groupId)) {
            return CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
        }
        if (!available(groupId)) {
            return CompletableFuture.completedFuture(Errors.COORDINATOR_NOT_AVAILABLE);
        }
        boolean simple = generation < 0;
        ClassicGroup group = simple ? groups.computeIfAbsent(groupId, ClassicGroup::new) : groups.get(groupId);
        if (group == null) {
            return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
        }
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return CompletableFuture.completedFuture(Errors.COORDINATOR_NOT_AVAILABLE);
            }
            if (!(simple && group.state == GroupState.EMPTY)) {
                Errors invalid = simple && memberId.isEmpty() && instanceId == null
                        ? Errors.UNKNOWN_MEMBER_ID
                        : validateGeneration(group, memberId, instanceId, generation);
                if (invalid == Errors.NONE && group.state == GroupState.COMPLETING_REBALANCE) {
                    invalid = Errors.REBALANCE_IN_PROGRESS;
                }
                if (invalid != Errors.NONE) {
                    return CompletableFuture.completedFuture(invalid);
                }
                group.members.get(memberId).lastHeartbeatMs = clock.getAsLong();
            }
            Map<TopicPartition, CommittedOffset> changes = new LinkedHashMap<>();
            offsets.forEach((partition, offset) -> {
                if (!offset.samePosition(group.offsets.get(partition))) {
                    changes.put(partition, offset);
                }
            });
            CompletableFuture<Void> written;
            try {
                // Unchanged positions are not written again: the log only grows with consumer progress.
                written = changes.isEmpty() ? CompletableFuture.completedFuture(null) : store.write(groupId, changes);
            } catch (RuntimeException e) {
                log.warn("Could not store offsets of group {}", groupId, e);
                return CompletableFuture.completedFuture(Errors.COORDINATOR_NOT_AVAILABLE);
            }
            group.offsets.putAll(offsets);
            return written.handle((done, failure) -> failure == null ? Errors.NONE : Errors.UNKNOWN_SERVER_ERROR);
        }
    }

    /**
     * The group's committed offsets for these partitions (all of them when null); partitions without a
     * commit are absent from the result.
     */
    public Map<TopicPartition, CommittedOffset> committed(String groupId, Collection<TopicPartition> partitions) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Map.of();
        }
        synchronized (group) {
            if (partitions == null) {
                return new HashMap<>(group.offsets);
            }
            Map<TopicPartition, CommittedOffset> found = new HashMap<>();
            for (TopicPartition partition : partitions) {
                CommittedOffset offset = group.offsets.get(partition);
                if (offset != null) {
                    found.put(partition, offset);
                }
            }
            return found;
        }
    }

    /**
     * Deletes every group's committed offsets of the partitions {@code gone} names: those of a deleted topic, so
     * that a topic created again under its name starts without them, as in Kafka.
     */
    public void removeOffsets(Predicate<TopicPartition> gone) {
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                forget(group, group.offsets.keySet().stream().filter(gone).toList());
            }
        }
    }

    /** OffsetDelete: only for partitions of topics no member is subscribed to. */
    public OffsetDeleteResult deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return new OffsetDeleteResult(Errors.GROUP_ID_NOT_FOUND, Map.of());
        }
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return new OffsetDeleteResult(Errors.GROUP_ID_NOT_FOUND, Map.of());
            }
            Set<String> subscribed = group.state == GroupState.EMPTY ? Set.of() : subscribedTopics(group);
            if (subscribed == null) {
                return new OffsetDeleteResult(Errors.NON_EMPTY_GROUP, Map.of());
            }
            Map<TopicPartition, Errors> results = new LinkedHashMap<>();
            List<TopicPartition> deleted = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                if (subscribed.contains(partition.topic())) {
                    results.put(partition, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
                } else {
                    results.put(partition, Errors.NONE);
                    if (group.offsets.containsKey(partition)) {
                        deleted.add(partition);
                    }
                }
            }
            return forget(group, deleted) ? new OffsetDeleteResult(Errors.NONE, results)
                    : new OffsetDeleteResult(Errors.COORDINATOR_NOT_AVAILABLE, Map.of());
        }
    }

    // ---- Admin: ListGroups, DescribeGroups, DeleteGroups --------------------------------------------

    public List<Listing> list() {
        List<Listing> listings = new ArrayList<>();
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                if (group.state != GroupState.DEAD) {
                    listings.add(new Listing(group.groupId, group.protocolType == null ? "" : group.protocolType,
                            group.state.displayName()));
                }
            }
        }
        return listings;
    }

    /**
     * Every live group, each read under its lock, for metrics. {@code end} gives a partition's end offset, or a
     * negative value for a partition that does not exist.
     */
    public List<Summary> summaries(ToLongFunction<TopicPartition> end) {
        List<Summary> summaries = new ArrayList<>();
        for (ClassicGroup group : groups.values()) {
            synchronized (group) {
                if (group.state == GroupState.DEAD) {
                    continue;
                }
                long lag = 0;
                long maxLag = 0;
                for (Map.Entry<TopicPartition, CommittedOffset> committed : group.offsets.entrySet()) {
                    long partitionEnd = end.applyAsLong(committed.getKey());
                    long behind = partitionEnd < 0 ? 0 : Math.max(0, partitionEnd - committed.getValue().offset());
                    lag += behind;
                    maxLag = Math.max(maxLag, behind);
                }
                summaries.add(new Summary(group.groupId, group.state, group.members.size(), group.generation, lag,
                        maxLag));
            }
        }
        return summaries;
    }

    /** The group as DescribeGroups reports it, or null when there is no such group. */
    public DescribedGroup describe(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return null;
        }
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return null;
            }
            boolean stable = group.state == GroupState.STABLE;
            List<DescribedGroupMember> members = new ArrayList<>();
            for (Member m : group.members.values()) {
                members.add(new DescribedGroupMember().setMemberId(m.memberId).setGroupInstanceId(m.instanceId)
                        .setClientId(m.clientId).setClientHost(m.clientHost)
                        .setMemberMetadata(stable ? m.metadata(group.protocolName) : Member.NO_ASSIGNMENT)
                        .setMemberAssignment(stable ? m.assignment : Member.NO_ASSIGNMENT));
            }
            return new DescribedGroup().setErrorCode(Errors.NONE.code()).setGroupId(groupId)
                    .setGroupState(group.state.displayName())
                    .setProtocolType(group.protocolType == null ? "" : group.protocolType)
                    .setProtocolData(stable ? group.protocolName : "")
                    .setMembers(members);
        }
    }

    /** Deletes a group without members and its committed offsets. */
    public Errors delete(String groupId) {
        ClassicGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        synchronized (group) {
            if (group.state == GroupState.DEAD) {
                return Errors.GROUP_ID_NOT_FOUND;
            }
            if (group.state != GroupState.EMPTY) {
                return Errors.NON_EMPTY_GROUP;
            }
            if (!forget(group, List.copyOf(group.offsets.keySet()))) {
                return Errors.COORDINATOR_NOT_AVAILABLE;
            }
            group.state = GroupState.DEAD;
            groups.remove(groupId, group);
            return Errors.NONE;
        }
    }
}
