package dev.sluice.broker.groups;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classic group protocol on a manual clock, with offsets kept in a list of written batches. */
class GroupCoordinatorTest {
    private static final int SESSION_MS = 10_000;
    private static final int REBALANCE_MS = 30_000;
    private static final long RETENTION_MS = 3_600_000;
    private static final TopicPartition TP0 = new TopicPartition("orders", 0);
    private static final TopicPartition AUDIT0 = new TopicPartition("audit", 0);

    /** Records every batch written, in order, and replays them like the log would. */
    private static final class RecordingStore implements OffsetStore {
        final List<Map<TopicPartition, CommittedOffset>> batches = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        boolean available = true;

        @Override
        public boolean available(String group) {
            return available;
        }

        @Override
        public CompletableFuture<Void> write(String group, Map<TopicPartition, CommittedOffset> changes) {
            groups.add(group);
            batches.add(new LinkedHashMap<>(changes));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void replay(Replay replay) {
            for (int i = 0; i < batches.size(); i++) {
                String group = groups.get(i);
                batches.get(i).forEach((tp, offset) -> {
                    if (offset == null) {
                        replay.deleted(group, tp);
                    } else {
                        replay.committed(group, tp, offset);
                    }
                });
            }
        }
    }

    private long now = 1_000_000;
    private final RecordingStore store = new RecordingStore();
    private GroupCoordinator coordinator = coordinator(0);

    private GroupCoordinator coordinator(int initialDelayMs) {
        return coordinator(initialDelayMs, 1_000);
    }

    private GroupCoordinator coordinator(int initialDelayMs, long expiryCheckIntervalMs) {
        return new GroupCoordinator(store, new GroupCoordinator.Settings(6_000, 1_800_000, initialDelayMs, 64,
                RETENTION_MS, expiryCheckIntervalMs), () -> now);
    }

    /** A consumer's JoinGroup metadata: its subscription. */
    private static byte[] subscription(String... topics) {
        ByteBuffer buffer = ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of(topics)));
        byte[] metadata = new byte[buffer.remaining()];
        buffer.get(metadata);
        return metadata;
    }

    /** Joins with a subscription and syncs: a stable consumer group of one. */
    private JoinGroupResponseData stableConsumer(String... topics) {
        List<GroupCoordinator.Protocol> protocols = List.of(new GroupCoordinator.Protocol("range", subscription(topics)));
        JoinGroupResponseData required = coordinator.join(new GroupCoordinator.JoinRequest("g", "", null, "client",
                "/127.0.0.1", SESSION_MS, REBALANCE_MS, "consumer", protocols, true)).join();
        JoinGroupResponseData joined = coordinator.join(new GroupCoordinator.JoinRequest("g", required.memberId(), null,
                "client", "/127.0.0.1", SESSION_MS, REBALANCE_MS, "consumer", protocols, true)).join();
        coordinator.sync("g", joined.generationId(), joined.memberId(), null, null, null, Map.of()).join();
        return joined;
    }

    private static GroupCoordinator.JoinRequest join(String memberId, String instanceId, String metadata) {
        return new GroupCoordinator.JoinRequest("g", memberId, instanceId, "client", "/127.0.0.1", SESSION_MS,
                REBALANCE_MS, "consumer", List.of(new GroupCoordinator.Protocol("range",
                metadata.getBytes(StandardCharsets.UTF_8))), true);
    }

    /** Joins as a new dynamic member (two round trips from v4 on); returns the pending answer. */
    private CompletableFuture<JoinGroupResponseData> joinNew(String metadata) {
        JoinGroupResponseData required = coordinator.join(join("", null, metadata)).join();
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), required.errorCode());
        return coordinator.join(join(required.memberId(), null, metadata));
    }

    private static Map<String, byte[]> assignment(String memberId, String value) {
        Map<String, byte[]> assignments = new HashMap<>();
        assignments.put(memberId, value.getBytes(StandardCharsets.UTF_8));
        return assignments;
    }

    @Test
    void aLoneMemberLeadsGenerationOneAndGetsTheAssignmentItHandsIn() {
        JoinGroupResponseData joined = joinNew("sub-a").join();
        assertEquals(Errors.NONE.code(), joined.errorCode());
        assertEquals(1, joined.generationId());
        assertEquals(joined.memberId(), joined.leader());
        assertEquals("range", joined.protocolName());
        assertArrayEquals("sub-a".getBytes(StandardCharsets.UTF_8), joined.members().get(0).metadata());
        SyncGroupResponseData synced = coordinator.sync("g", 1, joined.memberId(), null, "consumer", "range",
                assignment(joined.memberId(), "p0")).join();
        assertEquals(Errors.NONE.code(), synced.errorCode());
        assertArrayEquals("p0".getBytes(StandardCharsets.UTF_8), synced.assignment());
        assertEquals("Stable", coordinator.describe("g").groupState());
    }

    @Test
    void aSecondMemberStartsARebalanceThatCompletesWhenTheFirstRejoins() {
        JoinGroupResponseData a = joinNew("a").join();
        coordinator.sync("g", 1, a.memberId(), null, null, null, assignment(a.memberId(), "all")).join();
        CompletableFuture<JoinGroupResponseData> b = joinNew("b");
        assertFalse(b.isDone(), "the new member waits for the old one");
        assertEquals(Errors.REBALANCE_IN_PROGRESS, coordinator.heartbeat("g", a.memberId(), null, 1));
        JoinGroupResponseData aAgain = coordinator.join(join(a.memberId(), null, "a")).join();
        JoinGroupResponseData bJoined = b.join();
        assertEquals(2, aAgain.generationId());
        assertEquals(2, bJoined.generationId());
        assertEquals(a.memberId(), aAgain.leader(), "the leader keeps leading");
        assertEquals(2, aAgain.members().size(), "the leader sees every member");
        assertTrue(bJoined.members().isEmpty(), "followers see none");

        CompletableFuture<SyncGroupResponseData> bSync = coordinator.sync("g", 2, bJoined.memberId(), null, null, null, Map.of());
        assertFalse(bSync.isDone(), "a follower waits for the leader's assignment");
        Map<String, byte[]> plan = assignment(a.memberId(), "p0");
        plan.putAll(assignment(bJoined.memberId(), "p1"));
        coordinator.sync("g", 2, a.memberId(), null, null, null, plan).join();
        assertArrayEquals("p1".getBytes(StandardCharsets.UTF_8), bSync.join().assignment());
        assertEquals(Errors.ILLEGAL_GENERATION, coordinator.heartbeat("g", a.memberId(), null, 1));
        assertEquals(Errors.NONE, coordinator.heartbeat("g", a.memberId(), null, 2));
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreDropped() {
        JoinGroupResponseData a = joinNew("a").join();
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        CompletableFuture<JoinGroupResponseData> b = joinNew("b");
        now += REBALANCE_MS - 1;
        coordinator.heartbeat("g", a.memberId(), null, 1);
        coordinator.tick();
        assertFalse(b.isDone());
        now += 1;
        coordinator.tick();
        JoinGroupResponseData bJoined = b.join();
        assertEquals(Errors.NONE.code(), bJoined.errorCode());
        assertEquals(bJoined.memberId(), bJoined.leader(), "the remaining member leads");
        assertEquals(1, bJoined.members().size());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, coordinator.heartbeat("g", a.memberId(), null, 1));
    }

    @Test
    void aSilentMemberIsRemovedAfterItsSessionTimeoutAndTheGroupEmpties() {
        JoinGroupResponseData a = joinNew("a").join();
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        now += SESSION_MS - 1;
        coordinator.tick();
        assertEquals(Errors.NONE, coordinator.heartbeat("g", a.memberId(), null, 1));
        now += SESSION_MS;
        coordinator.tick();
        assertEquals("Empty", coordinator.describe("g").groupState());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, coordinator.heartbeat("g", a.memberId(), null, 1));
    }

    @Test
    void unusedMemberIdsLapseSoTheyDoNotHoldUpARebalance() {
        JoinGroupResponseData a = joinNew("a").join();
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        JoinGroupResponseData handedOut = coordinator.join(join("", null, "c")).join();
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), handedOut.errorCode());
        assertEquals(Errors.NONE, coordinator.heartbeat("g", a.memberId(), null, 1), "a handed-out id alone changes nothing");
        CompletableFuture<JoinGroupResponseData> b = joinNew("b");
        CompletableFuture<JoinGroupResponseData> aAgain = coordinator.join(join(a.memberId(), null, "a"));
        assertFalse(aAgain.isDone(), "the rebalance waits for the member that was handed an id");
        now += SESSION_MS;
        coordinator.tick();
        assertEquals(2, aAgain.join().generationId());
        assertEquals(2, aAgain.join().members().size(), "the lapsed id is not a member");
        assertEquals(Errors.NONE.code(), b.join().errorCode());
    }

    @Test
    void eachTickSaysWhenTheNextDeadlineComes() {
        coordinator = coordinator(0, RETENTION_MS);
        assertEquals(now + RETENTION_MS, coordinator.tick(), "without groups, the next offsets expiry check");
        JoinGroupResponseData handedOut = coordinator.join(join("", null, "a")).join();
        assertEquals(now + SESSION_MS, coordinator.tick(), "a member id handed out lapses after the session timeout");
        long joinedAt = now;
        JoinGroupResponseData a = coordinator.join(join(handedOut.memberId(), null, "a")).join();
        now += 1_000;
        assertEquals(joinedAt + SESSION_MS, coordinator.tick(), "the session ends before the sync deadline");
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        now += 2_000;
        assertEquals(Errors.NONE, coordinator.heartbeat("g", a.memberId(), null, 1));
        assertEquals(now + SESSION_MS, coordinator.tick(), "a heartbeat moves the session's end");
    }

    @Test
    void theFirstRebalanceWaitsTheInitialDelayForMoreMembers() {
        coordinator = coordinator(3_000);
        CompletableFuture<JoinGroupResponseData> a = joinNew("a");
        now += 2_000;
        CompletableFuture<JoinGroupResponseData> b = joinNew("b");
        now += 2_000;
        coordinator.tick();
        assertFalse(a.isDone(), "a join during the delay extends it");
        now += 1_000;
        coordinator.tick();
        assertEquals(1, a.join().generationId());
        assertEquals(1, b.join().generationId());
        assertEquals(2, a.join().members().size() + b.join().members().size(), "one generation with both members");
    }

    @Test
    void aRestartedStaticMemberTakesOverAndFencesItsOldId() {
        JoinGroupResponseData first = coordinator.join(join("", "instance-1", "a")).join();
        assertEquals(Errors.NONE.code(), first.errorCode(), "static members need no second round trip");
        assertTrue(first.memberId().startsWith("instance-1-"));
        coordinator.sync("g", 1, first.memberId(), "instance-1", null, null, assignment(first.memberId(), "p0")).join();
        JoinGroupResponseData second = coordinator.join(join("", "instance-1", "a")).join();
        assertNotEquals(first.memberId(), second.memberId());
        assertEquals(1, second.generationId(), "an unchanged static member comes back without a rebalance");
        assertEquals(first.memberId(), second.leader(), "the leader before the swap, so that nobody reassigns");
        assertTrue(second.members().isEmpty());
        SyncGroupResponseData synced = coordinator.sync("g", 1, second.memberId(), "instance-1", null, null, Map.of()).join();
        assertArrayEquals("p0".getBytes(StandardCharsets.UTF_8), synced.assignment(), "it keeps its assignment");
        assertEquals(Errors.NONE, coordinator.heartbeat("g", second.memberId(), "instance-1", 1));
        assertEquals(Errors.FENCED_INSTANCE_ID, coordinator.heartbeat("g", first.memberId(), "instance-1", second.generationId()));
        assertEquals(Errors.FENCED_INSTANCE_ID, coordinator.commit("g", second.generationId(), first.memberId(),
                "instance-1", Map.of(TP0, new CommittedOffset(1, -1, "", now))).join());

        JoinGroupResponseData newMetadata = coordinator.join(join("", "instance-1", "b")).join();
        assertEquals(1, newMetadata.generationId(), "new metadata alone does not rebalance either, as in Kafka");

        List<GroupCoordinator.Protocol> preferRoundRobin = List.of(new GroupCoordinator.Protocol("roundrobin", new byte[0]),
                new GroupCoordinator.Protocol("range", new byte[0]));
        JoinGroupResponseData changed = coordinator.join(new GroupCoordinator.JoinRequest("g", "", "instance-1", "client",
                "/127.0.0.1", SESSION_MS, REBALANCE_MS, "consumer", preferRoundRobin, true)).join();
        assertEquals(2, changed.generationId(), "a change of the group's protocol rebalances");
        assertEquals("roundrobin", changed.protocolName());
        assertEquals(changed.memberId(), changed.leader());
    }

    @Test
    void leavingStartsARebalanceForTheOthers() {
        JoinGroupResponseData a = joinNew("a").join();
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        CompletableFuture<JoinGroupResponseData> b = joinNew("b");
        coordinator.join(join(a.memberId(), null, "a")).join();
        JoinGroupResponseData bJoined = b.join();
        GroupCoordinator.LeaveResult left = coordinator.leave("g",
                List.of(new GroupCoordinator.LeavingMember(bJoined.memberId(), null),
                        new GroupCoordinator.LeavingMember("nobody", null)));
        assertEquals(List.of(Errors.NONE, Errors.UNKNOWN_MEMBER_ID), left.members());
        assertEquals(Errors.REBALANCE_IN_PROGRESS, coordinator.heartbeat("g", a.memberId(), null, 2));
        JoinGroupResponseData alone = coordinator.join(join(a.memberId(), null, "a")).join();
        assertEquals(3, alone.generationId());
        assertEquals(1, alone.members().size());
    }

    @Test
    void membersWithNoProtocolInCommonAreRefused() {
        joinNew("a").join();
        GroupCoordinator.JoinRequest other = new GroupCoordinator.JoinRequest("g", "", null, "client", "/127.0.0.1",
                SESSION_MS, REBALANCE_MS, "consumer", List.of(new GroupCoordinator.Protocol("sticky", new byte[0])), true);
        assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), coordinator.join(other).join().errorCode());
        GroupCoordinator.JoinRequest tooShort = new GroupCoordinator.JoinRequest("g", "", null, "client", "/127.0.0.1",
                1_000, REBALANCE_MS, "consumer", List.of(new GroupCoordinator.Protocol("range", new byte[0])), true);
        assertEquals(Errors.INVALID_SESSION_TIMEOUT.code(), coordinator.join(tooShort).join().errorCode());
    }

    @Test
    void commitsAreCheckedAgainstMembershipAndOnlyChangesAreWritten() {
        assertEquals(Errors.GROUP_ID_NOT_FOUND, coordinator.commit("nogroup", 3, "m", null,
                Map.of(TP0, new CommittedOffset(1, -1, "", now))).join(), "a generation of a group that does not exist");
        assertEquals(Errors.NONE, coordinator.commit("solo", -1, "", null,
                Map.of(TP0, new CommittedOffset(5, 2, "m", now))).join(), "a group that only stores offsets");
        assertEquals(Errors.NONE, coordinator.commit("solo", -1, "", null,
                Map.of(TP0, new CommittedOffset(5, 2, "m", now + 1))).join());
        assertEquals(1, store.batches.size(), "the unchanged second commit is not written again");
        assertEquals(5, coordinator.committed("solo", List.of(TP0)).get(TP0).offset());
        assertEquals(Errors.NONE, coordinator.commit("assigner", -1, "assigner-member", "instance-9",
                Map.of(TP0, new CommittedOffset(2, -1, "", now))).join(), "a negative generation creates the group");

        JoinGroupResponseData a = joinNew("a").join();
        assertEquals(Errors.REBALANCE_IN_PROGRESS, coordinator.commit("g", 1, a.memberId(), null,
                Map.of(TP0, new CommittedOffset(1, -1, "", now))).join(), "before the assignment is known");
        coordinator.sync("g", 1, a.memberId(), null, null, null, Map.of()).join();
        assertEquals(Errors.UNKNOWN_MEMBER_ID, coordinator.commit("g", -1, "", null,
                Map.of(TP0, new CommittedOffset(1, -1, "", now))).join(), "outsiders cannot commit for an active group");
        assertEquals(Errors.ILLEGAL_GENERATION, coordinator.commit("g", 7, a.memberId(), null,
                Map.of(TP0, new CommittedOffset(1, -1, "", now))).join());
        assertEquals(Errors.NONE, coordinator.commit("g", 1, a.memberId(), null,
                Map.of(TP0, new CommittedOffset(9, -1, "", now))).join());
        assertEquals(Errors.NON_EMPTY_GROUP, coordinator.delete("g"));
    }

    @Test
    void offsetsAndDeletionsSurviveAReplay() {
        coordinator.commit("solo", -1, "", null, Map.of(TP0, new CommittedOffset(5, 2, "meta", now))).join();
        coordinator.commit("gone", -1, "", null, Map.of(TP0, new CommittedOffset(7, -1, "", now))).join();
        assertEquals(Errors.NONE, coordinator.delete("gone"));
        assertEquals(Errors.GROUP_ID_NOT_FOUND, coordinator.delete("gone"));

        GroupCoordinator restarted = coordinator(0);
        restarted.load();
        assertEquals(new CommittedOffset(5, 2, "meta", now), restarted.committed("solo", null).get(TP0));
        assertTrue(restarted.committed("gone", null).isEmpty());
        assertNull(restarted.describe("gone"));
        assertEquals("Empty", restarted.describe("solo").groupState());
    }

    @Test
    void offsetsCanBeDeletedOnlyForTopicsNoMemberSubscribesTo() {
        JoinGroupResponseData a = stableConsumer("orders");
        coordinator.commit("g", 1, a.memberId(), null, Map.of(TP0, new CommittedOffset(1, -1, "", now),
                AUDIT0, new CommittedOffset(2, -1, "", now))).join();
        GroupCoordinator.OffsetDeleteResult result = coordinator.deleteOffsets("g", List.of(TP0, AUDIT0));
        assertEquals(Errors.NONE, result.error());
        assertEquals(Errors.GROUP_SUBSCRIBED_TO_TOPIC, result.partitions().get(TP0));
        assertEquals(Errors.NONE, result.partitions().get(AUDIT0));
        assertEquals(Map.of(TP0, new CommittedOffset(1, -1, "", now)), coordinator.committed("g", null));
    }

    @Test
    void offsetsExpireOnlyForUnsubscribedTopicsWhileStableAndTheRetentionAfterTheGroupEmpties() {
        JoinGroupResponseData a = stableConsumer("orders");
        coordinator.commit("g", 1, a.memberId(), null, Map.of(TP0, new CommittedOffset(1, -1, "", now),
                AUDIT0, new CommittedOffset(2, -1, "", now))).join();
        now += RETENTION_MS;
        assertEquals(Errors.NONE, coordinator.heartbeat("g", a.memberId(), null, 1));
        coordinator.tick();
        assertEquals(Map.of(TP0, new CommittedOffset(1, -1, "", now - RETENTION_MS)), coordinator.committed("g", null),
                "a topic the member subscribes to keeps its offsets however old they are");
        assertEquals(Collections.singletonMap(AUDIT0, null), store.batches.get(store.batches.size() - 1));

        coordinator.leave("g", List.of(new GroupCoordinator.LeavingMember(a.memberId(), null)));
        assertEquals("Empty", coordinator.describe("g").groupState());
        now += RETENTION_MS - 1;
        coordinator.tick();
        assertEquals(1, coordinator.committed("g", null).size(), "the retention counts from when the group emptied");
        now += 1_000;
        coordinator.tick();
        assertTrue(coordinator.committed("g", null).isEmpty());
        assertEquals(Collections.singletonMap(TP0, null), store.batches.get(store.batches.size() - 1));
        assertNull(coordinator.describe("g"), "an empty group without offsets is removed");
    }

    @Test
    void offsetsOfAGroupWithoutMembersExpireByCommitTimeAndARestartCountsAsTheGroupEmptying() {
        long first = now;
        coordinator.commit("solo", -1, "", null, Map.of(TP0, new CommittedOffset(5, -1, "", now))).join();
        now += RETENTION_MS / 2;
        long second = now;
        coordinator.commit("solo", -1, "", null, Map.of(AUDIT0, new CommittedOffset(6, -1, "", now))).join();
        now = first + RETENTION_MS;
        coordinator.tick();
        assertEquals(Map.of(AUDIT0, new CommittedOffset(6, -1, "", second)), coordinator.committed("solo", null));

        GroupCoordinator restarted = coordinator(0);
        restarted.load();
        now = second + RETENTION_MS;
        restarted.tick();
        assertEquals(1, restarted.committed("solo", null).size(),
                "after a restart offsets are kept the retention time from the restart");
        now = first + 2 * RETENTION_MS;
        restarted.tick();
        assertTrue(restarted.committed("solo", null).isEmpty());
        assertNull(restarted.describe("solo"));
    }

    @Test
    void groupsWhoseOffsetsAreNotLoadedCannotJoinOrCommit() {
        store.available = false;
        assertEquals(Errors.COORDINATOR_NOT_AVAILABLE.code(), coordinator.join(join("", null, "a")).join().errorCode());
        assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, coordinator.commit("solo", -1, "", null,
                Map.of(TP0, new CommittedOffset(5, -1, "", now))).join());
        assertTrue(store.batches.isEmpty());
    }

    @Test
    void offsetRecordsUseKafkasLayoutAndRoundTrip() {
        CommittedOffset offset = new CommittedOffset(42, 3, "meta", 1_700_000_000_000L);
        byte[] key = OffsetRecords.key("group", TP0);
        assertEquals(2 + 2 + 5 + 2 + 6 + 4, key.length, "version, group, topic, partition");
        assertEquals(1, ByteBuffer.wrap(key).getShort(), "offset commit keys are version 1");
        OffsetRecords.Entry entry = OffsetRecords.decode(ByteBuffer.wrap(key), ByteBuffer.wrap(OffsetRecords.value(offset)));
        assertEquals(new OffsetRecords.Entry("group", TP0, offset), entry);
        assertNull(OffsetRecords.decode(ByteBuffer.wrap(key), null).value(), "a null value deletes");
        assertNull(OffsetRecords.decode(ByteBuffer.allocate(4).putShort(0, (short) 2), null), "group metadata keys are skipped");
    }
}
