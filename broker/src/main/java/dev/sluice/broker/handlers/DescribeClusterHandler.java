package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBrokerCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.concurrent.CompletableFuture;

/** DescribeCluster: the cluster id, the controller and the brokers. Brokers do not serve the controller view. */
public final class DescribeClusterHandler extends ApiHandler<DescribeClusterRequestData> {
    private static final byte BROKERS = 1;
    private final BrokerNode node;

    public DescribeClusterHandler(BrokerNode node) {
        super(ApiKeys.DESCRIBE_CLUSTER, 0, 2);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DescribeClusterRequestData body) {
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setEndpointType(body.endpointType())
                .setClusterId(node.metadata().clusterId())
                .setControllerId(node.nodeId());
        if (body.endpointType() != BROKERS) {
            return CompletableFuture.completedFuture(response
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("This broker only describes brokers; ask a controller endpoint for controllers."));
        }
        BrokerNode.Endpoint endpoint = node.endpoint();
        DescribeClusterBrokerCollection brokers = new DescribeClusterBrokerCollection();
        brokers.add(new DescribeClusterBroker().setBrokerId(node.nodeId()).setHost(endpoint.host())
                .setPort(endpoint.port()).setRack(null).setIsFenced(false));
        return CompletableFuture.completedFuture(response.setBrokers(brokers));
    }
}
