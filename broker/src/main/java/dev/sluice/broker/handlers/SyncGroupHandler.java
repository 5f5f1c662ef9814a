package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** SyncGroup: the leader hands in the assignment; every member waits for its own share of it. */
public final class SyncGroupHandler extends ApiHandler<SyncGroupRequestData> {
    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        super(ApiKeys.SYNC_GROUP, 0, 5);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, SyncGroupRequestData body) {
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestData.SyncGroupRequestAssignment a : body.assignments()) {
            assignments.put(a.memberId(), a.assignment());
        }
        return coordinator.sync(body.groupId(), body.generationId(), body.memberId(), body.groupInstanceId(),
                body.protocolType(), body.protocolName(), assignments).thenApply(response -> response);
    }
}
