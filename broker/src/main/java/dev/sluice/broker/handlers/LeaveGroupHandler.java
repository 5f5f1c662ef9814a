package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** LeaveGroup: one member (v0-2) or a batch of them by member or instance id (v3+); the group rebalances. */
public final class LeaveGroupHandler extends ApiHandler<LeaveGroupRequestData> {
    private static final short FIRST_BATCHED_VERSION = 3;
    private final GroupCoordinator coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) {
        super(ApiKeys.LEAVE_GROUP, 0, 5);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, LeaveGroupRequestData body) {
        LeaveGroupResponseData response = new LeaveGroupResponseData();
        if (request.version() < FIRST_BATCHED_VERSION) {
            GroupCoordinator.LeaveResult result = coordinator.leave(body.groupId(),
                    List.of(new GroupCoordinator.LeavingMember(body.memberId(), null)));
            Errors error = result.error() != Errors.NONE ? result.error() : result.members().get(0);
            return CompletableFuture.completedFuture(response.setErrorCode(error.code()));
        }
        List<GroupCoordinator.LeavingMember> leaving = new ArrayList<>();
        for (LeaveGroupRequestData.MemberIdentity m : body.members()) {
            leaving.add(new GroupCoordinator.LeavingMember(m.memberId(), m.groupInstanceId()));
        }
        GroupCoordinator.LeaveResult result = coordinator.leave(body.groupId(), leaving);
        response.setErrorCode(result.error().code());
        List<LeaveGroupResponseData.MemberResponse> members = new ArrayList<>();
        for (int i = 0; i < result.members().size(); i++) {
            members.add(new LeaveGroupResponseData.MemberResponse().setMemberId(leaving.get(i).memberId())
                    .setGroupInstanceId(leaving.get(i).instanceId()).setErrorCode(result.members().get(i).code()));
        }
        return CompletableFuture.completedFuture(response.setMembers(members));
    }
}
