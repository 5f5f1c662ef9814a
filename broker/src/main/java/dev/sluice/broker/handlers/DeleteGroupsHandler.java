package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResultCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.concurrent.CompletableFuture;

/** DeleteGroups: groups without members are removed with their committed offsets. */
public final class DeleteGroupsHandler extends ApiHandler<DeleteGroupsRequestData> {
    private final GroupCoordinator coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        super(ApiKeys.DELETE_GROUPS, 0, 3);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DeleteGroupsRequestData body) {
        DeletableGroupResultCollection results = new DeletableGroupResultCollection();
        for (String groupId : body.groupsNames()) {
            if (results.find(groupId) != null) {
                continue;
            }
            Errors error = coordinator.delete(groupId);
            String message = switch (error) {
                case NONE -> null;
                case NON_EMPTY_GROUP -> "Group " + groupId + " still has members; stop its consumers first.";
                case GROUP_ID_NOT_FOUND -> "Group " + groupId + " not found.";
                default -> error.message();
            };
            results.add(new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code()).setErrorMessage(message));
        }
        return CompletableFuture.completedFuture(new DeleteGroupsResponseData().setResults(results));
    }
}
