package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;

/** Heartbeat: keeps a member's session alive and tells it when a rebalance has started. */
public final class HeartbeatHandler extends ApiHandler<HeartbeatRequestData> {
    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        super(ApiKeys.HEARTBEAT, 0, 4);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, HeartbeatRequestData body) {
        return CompletableFuture.completedFuture(new HeartbeatResponseData().setErrorCode(coordinator.heartbeat(
                body.groupId(), body.memberId(), body.groupInstanceId(), body.generationId()).code()));
    }
}
