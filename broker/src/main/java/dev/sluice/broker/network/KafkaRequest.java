package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import io.netty.util.concurrent.EventExecutor;

import java.net.SocketAddress;

/**
 * One decoded request. The body may slice the frame buffer (produce records do), so the frame stays
 * retained until the response is produced, then {@link #release()} frees it.
 */
public final class KafkaRequest {
    private final RequestHeaderData header;
    private final ApiKeys apiKey;
    private final ApiMessage body;
    private final ByteBuf frame;
    private final SocketAddress remote;
    private final EventExecutor executor;

    KafkaRequest(RequestHeaderData header, ApiKeys apiKey, ApiMessage body, ByteBuf frame, SocketAddress remote,
                 EventExecutor executor) {
        this.header = header;
        this.apiKey = apiKey;
        this.body = body;
        this.frame = frame;
        this.remote = remote;
        this.executor = executor;
    }

    public ApiKeys apiKey() {
        return apiKey;
    }

    public short version() {
        return header.requestApiVersion();
    }

    public int correlationId() {
        return header.correlationId();
    }

    public String clientId() {
        return header.clientId();
    }

    public ApiMessage body() {
        return body;
    }

    public SocketAddress remote() {
        return remote;
    }

    /** The connection's event loop: delayed work for this request is scheduled here. */
    public EventExecutor executor() {
        return executor;
    }

    ByteBuf frame() {
        return frame;
    }

    void release() {
        frame.release();
    }
}
