package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.CoordinatorUnavailableException;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: this broker coordinates every group, and creates the offsets topic the first time a
 * group coordinator is asked for, as Kafka does. Transactions have no coordinator here, so transactional
 * ids get TRANSACTIONAL_ID_AUTHORIZATION_FAILED, which producers report at once instead of retrying until
 * they time out; share groups are not served (INVALID_REQUEST).
 */
public final class FindCoordinatorHandler extends ApiHandler<FindCoordinatorRequestData> {
    private static final byte GROUP = 0;
    private static final byte TRANSACTION = 1;
    private static final byte SHARE = 2;
    private static final short FIRST_BATCHED_VERSION = 4;
    private static final short FIRST_SHARE_VERSION = 6;

    private final BrokerNode node;
    private final LogOffsetStore offsets;

    public FindCoordinatorHandler(BrokerNode node, LogOffsetStore offsets) {
        super(ApiKeys.FIND_COORDINATOR, 0, 6);
        this.node = node;
        this.offsets = offsets;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, FindCoordinatorRequestData body) {
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        if (request.version() < FIRST_BATCHED_VERSION) {
            Coordinator answer = find(body.key(), body.keyType(), request.version());
            response.setErrorCode(answer.errorCode()).setErrorMessage(answer.errorMessage())
                    .setNodeId(answer.nodeId()).setHost(answer.host()).setPort(answer.port());
        } else {
            List<Coordinator> coordinators = new ArrayList<>();
            for (String key : body.coordinatorKeys()) {
                coordinators.add(find(key, body.keyType(), request.version()).setKey(key));
            }
            response.setCoordinators(coordinators);
        }
        return CompletableFuture.completedFuture(response);
    }

    private Coordinator find(String key, byte keyType, short version) {
        Coordinator answer = new Coordinator().setNodeId(-1).setHost("").setPort(-1);
        switch (keyType) {
            case GROUP -> {
                try {
                    offsets.ensureTopic();
                } catch (CoordinatorUnavailableException e) {
                    return answer.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setErrorMessage(e.getMessage());
                } catch (RuntimeException e) {
                    Errors error = Failures.errorOf(e);
                    return answer.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setErrorMessage(error.message());
                }
                if (!offsets.available(key)) {
                    return answer.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()).setErrorMessage("The partition "
                            + "of " + LogOffsetStore.TOPIC + " holding group '" + key + "' is not loaded; see the "
                            + "broker log.");
                }
                return answer.setErrorCode(Errors.NONE.code()).setErrorMessage(null).setNodeId(node.nodeId())
                        .setHost(node.endpoint().host()).setPort(node.endpoint().port());
            }
            case TRANSACTION -> {
                return answer.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code())
                        .setErrorMessage("This broker does not run a transaction coordinator; transactional id '"
                                + key + "' cannot be served.");
            }
            default -> {
                String what = keyType == SHARE && version >= FIRST_SHARE_VERSION
                        ? "Share groups are not supported by this broker."
                        : "Unknown coordinator key type " + keyType + ".";
                return answer.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage(what);
            }
        }
    }
}
