package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups: state, protocol and members; member metadata and assignments only while the group is
 * stable. An unknown group is reported as Dead, and from v6 on with GROUP_ID_NOT_FOUND (KIP-1043).
 * Without an authorizer every client may do everything a group allows, so that is what authorized
 * operations say.
 */
public final class DescribeGroupsHandler extends ApiHandler<DescribeGroupsRequestData> {
    private static final short FIRST_VERSION_WITH_NOT_FOUND = 6;
    private static final int GROUP_OPERATIONS = (1 << AclOperation.READ.code()) | (1 << AclOperation.DELETE.code())
            | (1 << AclOperation.DESCRIBE.code());
    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        super(ApiKeys.DESCRIBE_GROUPS, 0, 6);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DescribeGroupsRequestData body) {
        List<DescribedGroup> groups = new ArrayList<>();
        for (String groupId : body.groups()) {
            DescribedGroup group = coordinator.describe(groupId);
            if (group == null) {
                group = new DescribedGroup().setGroupId(groupId).setGroupState("Dead").setProtocolType("")
                        .setProtocolData("").setErrorCode(Errors.NONE.code());
                if (request.version() >= FIRST_VERSION_WITH_NOT_FOUND) {
                    group.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                            .setErrorMessage("Group " + groupId + " not found.");
                }
            } else if (body.includeAuthorizedOperations()) {
                group.setAuthorizedOperations(GROUP_OPERATIONS);
            }
            groups.add(group);
        }
        return CompletableFuture.completedFuture(new DescribeGroupsResponseData().setGroups(groups));
    }
}
