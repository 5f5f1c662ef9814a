package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.concurrent.CompletableFuture;

/**
 * InitProducerId for idempotent producers: a producer id never used before, epoch 0. Producers that ask
 * again (to reset after a sequence error) get a fresh id, as Kafka gives them. Transactional ids need the
 * transaction coordinator, which this broker does not run, so they are refused.
 */
public final class InitProducerIdHandler extends ApiHandler<InitProducerIdRequestData> {
    private final BrokerNode node;

    public InitProducerIdHandler(BrokerNode node) {
        super(ApiKeys.INIT_PRODUCER_ID, 0, 6);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, InitProducerIdRequestData body) {
        InitProducerIdResponseData response = new InitProducerIdResponseData().setProducerId(-1).setProducerEpoch((short) -1);
        if (body.transactionalId() != null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code()));
        }
        try {
            return CompletableFuture.completedFuture(response.setProducerId(node.producerIds().nextProducerId())
                    .setProducerEpoch((short) 0));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(response.setErrorCode(Failures.errorOf(e).code()));
        }
    }
}
