package dev.sluice.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

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
    private final Channel channel;
    /** Noted on arrival: a channel that has closed may no longer report it, and failures are logged after. */
    private final SocketAddress remote;

    KafkaRequest(RequestHeaderData header, ApiKeys apiKey, ApiMessage body, ByteBuf frame, Channel channel) {
        this.header = header;
        this.apiKey = apiKey;
        this.body = body;
        this.frame = frame;
        this.channel = channel;
        this.remote = channel.remoteAddress();
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
        return channel.eventLoop();
    }

    /** Completes, on {@link #executor()}, when the connection closes: nobody will read a later answer. */
    public Future<Void> connectionClosed() {
        return channel.closeFuture();
    }

    ByteBuf frame() {
        return frame;
    }

    void release() {
        frame.release();
    }
}
