package dev.sluice.broker.handlers;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup, v2 and later (Kafka 4 dropped v0-1). From v4 on a member without an id is given one with
 * MEMBER_ID_REQUIRED and joins again with it; the answer waits until the rebalance completes.
 */
public final class JoinGroupHandler extends ApiHandler<JoinGroupRequestData> {
    private static final short FIRST_VERSION_REQUIRING_MEMBER_ID = 4;
    private static final short FIRST_VERSION_WITH_NULLABLE_PROTOCOL = 7;
    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        super(ApiKeys.JOIN_GROUP, 2, 9);
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, JoinGroupRequestData body) {
        List<GroupCoordinator.Protocol> protocols = new ArrayList<>();
        for (JoinGroupRequestData.JoinGroupRequestProtocol p : body.protocols()) {
            protocols.add(new GroupCoordinator.Protocol(p.name(), p.metadata()));
        }
        int rebalanceTimeout = body.rebalanceTimeoutMs() < 0 ? body.sessionTimeoutMs() : body.rebalanceTimeoutMs();
        GroupCoordinator.JoinRequest join = new GroupCoordinator.JoinRequest(body.groupId(), body.memberId(),
                body.groupInstanceId(), request.clientId(), GroupRequests.clientHost(request), body.sessionTimeoutMs(),
                rebalanceTimeout, body.protocolType(), protocols,
                request.version() >= FIRST_VERSION_REQUIRING_MEMBER_ID);
        short version = request.version();
        return coordinator.join(join).thenApply(response -> forVersion(response, version));
    }

    private static ApiMessage forVersion(JoinGroupResponseData response, short version) {
        if (version < FIRST_VERSION_WITH_NULLABLE_PROTOCOL && response.protocolName() == null) {
            response.setProtocolName("");
        }
        return response;
    }
}
