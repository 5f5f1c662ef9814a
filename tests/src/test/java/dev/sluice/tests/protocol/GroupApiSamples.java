package dev.sluice.tests.protocol;

import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static dev.sluice.tests.protocol.RawRequests.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Samples of the group coordinator's APIs. Each builds what it needs (a joined member, a commit) with fixed
 * versions of the other APIs, then exercises the API under test at the version given.
 */
final class GroupApiSamples {
    private static final short JOIN_VERSION = 9;
    private static final short SYNC_VERSION = 5;
    private static final short COMMIT_VERSION = 9;
    private static final short FETCH_VERSION = 9;
    private static final String PROTOCOL_TYPE = "consumer";
    private static final String PROTOCOL = "range";
    private static final byte[] METADATA = "subscription".getBytes(StandardCharsets.UTF_8);

    private final Supplier<RawKafkaConnection> connections;
    private final ApiSamples.Fixture fixture;

    GroupApiSamples(Supplier<RawKafkaConnection> connections, ApiSamples.Fixture fixture) {
        this.connections = connections;
        this.fixture = fixture;
    }

    private RawKafkaConnection connection() {
        return connections.get();
    }

    /** A member that has joined its group alone and, when {@code synced}, received its assignment. */
    private record Joined(String group, String memberId, int generation) {
    }

    void findCoordinator(short v) throws IOException {
        String group = "coverage-find-v" + v;
        FindCoordinatorRequestData request = new FindCoordinatorRequestData().setKeyType((byte) 0);
        if (v < 4) {
            request.setKey(group);
        } else {
            request.setCoordinatorKeys(List.of(group, group + "-other"));
        }
        FindCoordinatorResponseData response = connection().request(ApiKeys.FIND_COORDINATOR, v, request);
        if (v < 4) {
            assertEquals(Errors.NONE.code(), response.errorCode(), "FindCoordinator v" + v + ": " + response.errorMessage());
            assertEquals(fixture.nodeId(), response.nodeId(), "FindCoordinator v" + v + " node");
            assertEquals(fixture.port(), response.port(), "FindCoordinator v" + v + " port");
            return;
        }
        assertEquals(2, response.coordinators().size(), "FindCoordinator v" + v + " answers every key");
        for (FindCoordinatorResponseData.Coordinator c : response.coordinators()) {
            assertEquals(Errors.NONE.code(), c.errorCode(), "FindCoordinator v" + v + " " + c.key() + ": " + c.errorMessage());
            assertEquals(fixture.nodeId(), c.nodeId(), "FindCoordinator v" + v + " node");
            assertEquals(fixture.port(), c.port(), "FindCoordinator v" + v + " port");
        }
    }

    private JoinGroupRequestData joinRequest(String group, String memberId) {
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName(PROTOCOL).setMetadata(METADATA));
        return new JoinGroupRequestData().setGroupId(group).setMemberId(memberId).setSessionTimeoutMs(10_000)
                .setRebalanceTimeoutMs(10_000).setProtocolType(PROTOCOL_TYPE).setProtocols(protocols);
    }

    void joinGroup(short v) throws IOException {
        String group = "coverage-join-v" + v;
        JoinGroupResponseData response = connection().request(ApiKeys.JOIN_GROUP, v, joinRequest(group, ""));
        if (v >= 4) {
            assertEquals(Errors.MEMBER_ID_REQUIRED.code(), response.errorCode(), "JoinGroup v" + v + " first join");
            assertTrue(response.memberId().startsWith(RawKafkaConnection.CLIENT_ID + "-"),
                    "JoinGroup v" + v + " member id " + response.memberId());
            response = connection().request(ApiKeys.JOIN_GROUP, v, joinRequest(group, response.memberId()));
        }
        assertEquals(Errors.NONE.code(), response.errorCode(), "JoinGroup v" + v + " error");
        assertEquals(1, response.generationId(), "JoinGroup v" + v + " generation");
        assertEquals(response.memberId(), response.leader(), "JoinGroup v" + v + ": the only member leads");
        assertEquals(PROTOCOL, response.protocolName(), "JoinGroup v" + v + " protocol");
        if (v >= 7) {
            assertEquals(PROTOCOL_TYPE, response.protocolType(), "JoinGroup v" + v + " protocol type");
        }
        JoinGroupResponseData.JoinGroupResponseMember member = single(response.members(), "JoinGroup v" + v + " members");
        assertArrayEquals(METADATA, member.metadata(), "JoinGroup v" + v + " member metadata");
    }

    private Joined join(String group) throws IOException {
        JoinGroupResponseData first = connection().request(ApiKeys.JOIN_GROUP, JOIN_VERSION, joinRequest(group, ""));
        JoinGroupResponseData joined = connection().request(ApiKeys.JOIN_GROUP, JOIN_VERSION,
                joinRequest(group, first.memberId()));
        assertEquals(Errors.NONE.code(), joined.errorCode(), "JoinGroup of " + group);
        return new Joined(group, joined.memberId(), joined.generationId());
    }

    private SyncGroupResponseData sync(Joined joined, short v, byte[] assignment) throws IOException {
        SyncGroupRequestData request = new SyncGroupRequestData().setGroupId(joined.group())
                .setGenerationId(joined.generation()).setMemberId(joined.memberId())
                .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                        .setMemberId(joined.memberId()).setAssignment(assignment)));
        if (v >= 5) {
            request.setProtocolType(PROTOCOL_TYPE).setProtocolName(PROTOCOL);
        }
        return connection().request(ApiKeys.SYNC_GROUP, v, request);
    }

    private Joined joinAndSync(String group) throws IOException {
        Joined joined = join(group);
        assertEquals(Errors.NONE.code(), sync(joined, SYNC_VERSION, new byte[] {1}).errorCode(), "SyncGroup of " + group);
        return joined;
    }

    void syncGroup(short v) throws IOException {
        Joined joined = join("coverage-sync-v" + v);
        byte[] assignment = ("assignment-v" + v).getBytes(StandardCharsets.UTF_8);
        SyncGroupResponseData response = sync(joined, v, assignment);
        assertEquals(Errors.NONE.code(), response.errorCode(), "SyncGroup v" + v + " error");
        assertArrayEquals(assignment, response.assignment(), "SyncGroup v" + v + " assignment");
        if (v >= 5) {
            assertEquals(PROTOCOL_TYPE, response.protocolType(), "SyncGroup v" + v + " protocol type");
            assertEquals(PROTOCOL, response.protocolName(), "SyncGroup v" + v + " protocol name");
        }
    }

    void heartbeat(short v) throws IOException {
        Joined joined = joinAndSync("coverage-heartbeat-v" + v);
        HeartbeatResponseData alive = connection().request(ApiKeys.HEARTBEAT, v, new HeartbeatRequestData()
                .setGroupId(joined.group()).setMemberId(joined.memberId()).setGenerationId(joined.generation()));
        assertEquals(Errors.NONE.code(), alive.errorCode(), "Heartbeat v" + v + " error");
        HeartbeatResponseData stale = connection().request(ApiKeys.HEARTBEAT, v, new HeartbeatRequestData()
                .setGroupId(joined.group()).setMemberId(joined.memberId()).setGenerationId(joined.generation() - 1));
        assertEquals(Errors.ILLEGAL_GENERATION.code(), stale.errorCode(), "Heartbeat v" + v + " with an old generation");
    }

    void leaveGroup(short v) throws IOException {
        Joined joined = joinAndSync("coverage-leave-v" + v);
        LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(joined.group());
        if (v < 3) {
            request.setMemberId(joined.memberId());
        } else {
            request.setMembers(List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(joined.memberId())));
        }
        LeaveGroupResponseData response = connection().request(ApiKeys.LEAVE_GROUP, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "LeaveGroup v" + v + " error");
        if (v >= 3) {
            LeaveGroupResponseData.MemberResponse member = single(response.members(), "LeaveGroup v" + v + " members");
            assertEquals(Errors.NONE.code(), member.errorCode(), "LeaveGroup v" + v + " member error");
        }
        DescribeGroupsResponseData described = connection().request(ApiKeys.DESCRIBE_GROUPS, (short) 5,
                new DescribeGroupsRequestData().setGroups(List.of(joined.group())));
        assertEquals("Empty", single(described.groups(), "described group").groupState(),
                "after LeaveGroup v" + v + " the group is empty");
    }

    private void commit(short v, String group, long offset) throws IOException {
        OffsetCommitRequestData.OffsetCommitRequestTopic topic = new OffsetCommitRequestData.OffsetCommitRequestTopic()
                .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0)
                        .setCommittedOffset(offset).setCommittedMetadata("meta-" + offset)));
        if (v >= 10) {
            topic.setTopicId(fixture.dataTopicId());
        } else {
            topic.setName(fixture.dataTopic());
        }
        OffsetCommitResponseData response = connection().request(ApiKeys.OFFSET_COMMIT, v, new OffsetCommitRequestData()
                .setGroupId(group).setGenerationIdOrMemberEpoch(-1).setMemberId("").setTopics(List.of(topic)));
        OffsetCommitResponseData.OffsetCommitResponsePartition partition = single(
                single(response.topics(), "OffsetCommit v" + v + " topics").partitions(), "OffsetCommit v" + v + " partitions");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "OffsetCommit v" + v + " error");
    }

    /** The group's committed offset in partition 0 of the data topic, read with OffsetFetch v9. */
    private long committed(String group) throws IOException {
        OffsetFetchResponseData response = connection().request(ApiKeys.OFFSET_FETCH, FETCH_VERSION,
                new OffsetFetchRequestData().setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup()
                        .setGroupId(group).setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics()
                                .setName(fixture.dataTopic()).setPartitionIndexes(List.of(0)))))));
        OffsetFetchResponseData.OffsetFetchResponsePartitions partition = single(single(single(response.groups(),
                "fetched groups").topics(), "fetched topics").partitions(), "fetched partitions");
        assertEquals(Errors.NONE.code(), partition.errorCode(), "OffsetFetch error");
        return partition.committedOffset();
    }

    void offsetCommit(short v) throws IOException {
        String group = "coverage-commit-v" + v;
        commit(v, group, 3);
        assertEquals(3, committed(group), "offset committed with OffsetCommit v" + v);
    }

    void offsetFetch(short v) throws IOException {
        String group = "coverage-fetch-v" + v;
        commit(COMMIT_VERSION, group, 4);
        OffsetFetchRequestData request = new OffsetFetchRequestData();
        if (v < 8) {
            request.setGroupId(group).setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic()
                    .setName(fixture.dataTopic()).setPartitionIndexes(List.of(0))));
        } else {
            OffsetFetchRequestData.OffsetFetchRequestTopics topic = new OffsetFetchRequestData.OffsetFetchRequestTopics()
                    .setPartitionIndexes(List.of(0));
            if (v >= 10) {
                topic.setTopicId(fixture.dataTopicId());
            } else {
                topic.setName(fixture.dataTopic());
            }
            request.setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(group)
                    .setTopics(List.of(topic))));
        }
        OffsetFetchResponseData response = connection().request(ApiKeys.OFFSET_FETCH, v, request);
        if (v < 8) {
            assertEquals(Errors.NONE.code(), response.errorCode(), "OffsetFetch v" + v + " error");
            OffsetFetchResponseData.OffsetFetchResponsePartition partition = single(single(response.topics(),
                    "OffsetFetch v" + v + " topics").partitions(), "OffsetFetch v" + v + " partitions");
            assertEquals(4, partition.committedOffset(), "OffsetFetch v" + v + " offset");
            assertEquals("meta-4", partition.metadata(), "OffsetFetch v" + v + " metadata");
            return;
        }
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = single(response.groups(), "OffsetFetch v" + v + " groups");
        assertEquals(Errors.NONE.code(), fetched.errorCode(), "OffsetFetch v" + v + " error");
        OffsetFetchResponseData.OffsetFetchResponseTopics topic = single(fetched.topics(), "OffsetFetch v" + v + " topics");
        if (v >= 10) {
            assertEquals(fixture.dataTopicId(), topic.topicId(), "OffsetFetch v" + v + " topic id");
        }
        OffsetFetchResponseData.OffsetFetchResponsePartitions partition = single(topic.partitions(),
                "OffsetFetch v" + v + " partitions");
        assertEquals(4, partition.committedOffset(), "OffsetFetch v" + v + " offset");
        assertEquals("meta-4", partition.metadata(), "OffsetFetch v" + v + " metadata");
    }

    void listGroups(short v) throws IOException {
        String group = "coverage-list-v" + v;
        commit(COMMIT_VERSION, group, 1);
        ListGroupsRequestData request = new ListGroupsRequestData();
        if (v >= 4) {
            request.setStatesFilter(List.of("Empty"));
        }
        if (v >= 5) {
            request.setTypesFilter(List.of("classic"));
        }
        ListGroupsResponseData response = connection().request(ApiKeys.LIST_GROUPS, v, request);
        assertEquals(Errors.NONE.code(), response.errorCode(), "ListGroups v" + v + " error");
        ListGroupsResponseData.ListedGroup listed = response.groups().stream().filter(g -> g.groupId().equals(group))
                .findFirst().orElseThrow(() -> new AssertionError("ListGroups v" + v + " misses " + group));
        if (v >= 4) {
            assertEquals("Empty", listed.groupState(), "ListGroups v" + v + " state");
            assertTrue(response.groups().stream().allMatch(g -> g.groupState().equals("Empty")),
                    "ListGroups v" + v + " applies the state filter");
        }
        if (v >= 5) {
            assertEquals("classic", listed.groupType(), "ListGroups v" + v + " type");
        }
    }

    void describeGroups(short v) throws IOException {
        Joined joined = joinAndSync("coverage-describe-v" + v);
        String missing = "coverage-describe-missing-v" + v;
        DescribeGroupsResponseData response = connection().request(ApiKeys.DESCRIBE_GROUPS, v,
                new DescribeGroupsRequestData().setGroups(List.of(joined.group(), missing)));
        assertEquals(2, response.groups().size(), "DescribeGroups v" + v + " answers every group");
        DescribeGroupsResponseData.DescribedGroup stable = response.groups().get(0);
        assertEquals(Errors.NONE.code(), stable.errorCode(), "DescribeGroups v" + v + " error");
        assertEquals("Stable", stable.groupState(), "DescribeGroups v" + v + " state");
        assertEquals(PROTOCOL_TYPE, stable.protocolType(), "DescribeGroups v" + v + " protocol type");
        assertEquals(PROTOCOL, stable.protocolData(), "DescribeGroups v" + v + " protocol");
        DescribeGroupsResponseData.DescribedGroupMember member = single(stable.members(), "DescribeGroups v" + v + " members");
        assertEquals(joined.memberId(), member.memberId(), "DescribeGroups v" + v + " member id");
        assertEquals(RawKafkaConnection.CLIENT_ID, member.clientId(), "DescribeGroups v" + v + " client id");
        assertArrayEquals(new byte[] {1}, member.memberAssignment(), "DescribeGroups v" + v + " assignment");
        if (v >= 4) {
            assertNull(member.groupInstanceId(), "DescribeGroups v" + v + " instance id");
        }
        DescribeGroupsResponseData.DescribedGroup unknown = response.groups().get(1);
        assertEquals("Dead", unknown.groupState(), "DescribeGroups v" + v + " unknown group state");
        assertEquals(v >= 6 ? Errors.GROUP_ID_NOT_FOUND.code() : Errors.NONE.code(), unknown.errorCode(),
                "DescribeGroups v" + v + " unknown group error");
    }

    void deleteGroups(short v) throws IOException {
        String group = "coverage-delete-v" + v;
        commit(COMMIT_VERSION, group, 2);
        DeleteGroupsResponseData response = connection().request(ApiKeys.DELETE_GROUPS, v,
                new DeleteGroupsRequestData().setGroupsNames(List.of(group)));
        assertEquals(Errors.NONE.code(), response.results().find(group).errorCode(), "DeleteGroups v" + v + " error");
        assertEquals(-1, committed(group), "DeleteGroups v" + v + " removed the offsets");
        DeleteGroupsResponseData again = connection().request(ApiKeys.DELETE_GROUPS, v,
                new DeleteGroupsRequestData().setGroupsNames(List.of(group)));
        assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), again.results().find(group).errorCode(),
                "DeleteGroups v" + v + " of a deleted group");
    }

    void offsetDelete(short v) throws IOException {
        String group = "coverage-offset-delete-v" + v;
        commit(COMMIT_VERSION, group, 2);
        OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
        topics.add(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(fixture.dataTopic())
                .setPartitions(List.of(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0))));
        OffsetDeleteResponseData response = connection().request(ApiKeys.OFFSET_DELETE, v,
                new OffsetDeleteRequestData().setGroupId(group).setTopics(topics));
        assertEquals(Errors.NONE.code(), response.errorCode(), "OffsetDelete v" + v + " error");
        assertEquals(Errors.NONE.code(), response.topics().find(fixture.dataTopic()).partitions().find(0).errorCode(),
                "OffsetDelete v" + v + " partition error");
        assertEquals(-1, committed(group), "OffsetDelete v" + v + " removed the offset");
    }
}
