package dev.sluice.broker.handlers;

import dev.sluice.broker.network.KafkaRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** What the group handlers share. */
final class GroupRequests {
    private GroupRequests() {
    }

    /** The client's address as Kafka reports it in DescribeGroups: {@code /127.0.0.1}. */
    static String clientHost(KafkaRequest request) {
        SocketAddress remote = request.remote();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return "/" + inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
