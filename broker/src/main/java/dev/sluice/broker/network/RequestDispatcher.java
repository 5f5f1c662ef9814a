package dev.sluice.broker.network;

import dev.sluice.broker.handlers.ApiHandler;
import dev.sluice.broker.handlers.ApiHandlers;
import dev.sluice.broker.handlers.ApiVersionsHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Per-connection stage that hands decoded requests to their handlers and writes responses strictly in
 * request order, whatever order handlers complete in. Reading pauses while too many responses are
 * outstanding or the socket is not writable, so one client cannot queue unbounded work.
 *
 * <p>Confined to the channel's event loop; completions from other threads hop onto it.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final int MAX_IN_FLIGHT = 64;

    private final ApiHandlers handlers;
    private final ConnectionStats stats;
    private final RequestMetrics metrics;
    private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
    /** Slots written but not yet flushed, timed once the flush is done; reused to avoid garbage. */
    private final ArrayList<Slot> written = new ArrayList<>();
    private ChannelHandlerContext ctx;
    /**
     * True while the frames of one socket read are handled: their responses are flushed together when the read
     * completes, one system call for the several requests a client pipelines instead of one each.
     */
    private boolean reading;

    RequestDispatcher(ApiHandlers handlers, ConnectionStats stats, RequestMetrics metrics) {
        this.handlers = handlers;
        this.stats = stats;
        this.metrics = metrics;
    }

    /**
     * A response waiting for its turn to be written; {@code output} stays null when nothing is sent. The
     * {@code series} and times are those of the request's latency phases; no series means not timed.
     */
    private static final class Slot {
        final KafkaRequest request;
        final RequestMetrics.ApiSeries series;
        final long receivedNanos;
        long handleStartNanos;
        long readyNanos;
        boolean done;
        List<Object> output;

        Slot(KafkaRequest request, RequestMetrics.ApiSeries series, long receivedNanos) {
            this.request = request;
            this.series = series;
            this.receivedNanos = receivedNanos;
        }

        static Slot ready(List<Object> output) {
            Slot slot = new Slot(null, null, 0);
            slot.done = true;
            slot.output = output;
            return slot;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        stats.connectionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        long received = System.nanoTime();
        ByteBuf frame = (ByteBuf) msg;
        KafkaRequest request;
        ApiHandler<?> handler;
        short keyId = -1;
        short version = -1;
        RequestMetrics.Failure failure = RequestMetrics.Failure.MALFORMED;
        try {
            keyId = RequestDecoder.apiKeyId(frame);
            version = RequestDecoder.apiVersion(frame);
            ApiKeys key = ApiKeys.hasId(keyId) ? ApiKeys.forId(keyId) : null;
            handler = key == null ? null : handlers.handler(key);
            if (handler == null) {
                failure = RequestMetrics.Failure.UNSUPPORTED_API;
                throw new MalformedRequestException("unsupported API key " + keyId);
            }
            if (version < handler.minVersion() || version > handler.maxVersion()) {
                failure = RequestMetrics.Failure.UNSUPPORTED_VERSION;
                if (key == ApiKeys.API_VERSIONS) {
                    metrics.failed(keyId, version, failure);
                    answerUnsupportedApiVersions(frame);
                    return;
                }
                throw new MalformedRequestException("unsupported version " + version + " of " + key);
            }
            failure = RequestMetrics.Failure.MALFORMED;
            request = RequestDecoder.decode(frame, key, version, ctx.channel());
        } catch (MalformedRequestException e) {
            frame.release();
            metrics.failed(keyId, version, failure);
            reject(e.getMessage());
            return;
        }
        RequestMetrics.ApiSeries series = metrics.series(request.apiKey());
        series.received(version);
        Slot slot = new Slot(request, series, received);
        inFlight.addLast(slot);
        updateAutoRead();
        slot.handleStartNanos = System.nanoTime();
        CompletableFuture<ApiMessage> result;
        try {
            result = invoke(handler, request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (result.isDone()) {
            complete(slot, result);
        } else {
            CompletableFuture<ApiMessage> pending = result;
            pending.whenComplete((r, e) -> ctx.executor().execute(() -> complete(slot, pending)));
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<ApiMessage> invoke(ApiHandler<?> handler, KafkaRequest request) {
        return ((ApiHandler<ApiMessage>) handler).handle(request, request.body());
    }

    private void complete(Slot slot, CompletableFuture<ApiMessage> result) {
        KafkaRequest request = slot.request;
        slot.readyNanos = System.nanoTime();
        try {
            ApiMessage response;
            try {
                response = result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof CloseConnectionException close) {
                    log.debug("Closing connection from {}: {}", request.remote(), close.getMessage());
                    metrics.failed(request.apiKey().id, request.version(), RequestMetrics.Failure.CONNECTION_CLOSED);
                    ctx.close();
                    response = null;
                } else {
                    metrics.failed(request.apiKey().id, request.version(), RequestMetrics.Failure.HANDLER_FAILED);
                    response = errorResponse(request, e.getCause());
                }
            }
            if (response != null && ctx.channel().isActive()) {
                slot.output = ResponseEncoder.encode(ctx.alloc(), request.apiKey(), request.version(),
                        request.correlationId(), response);
            }
        } catch (RuntimeException e) {
            metrics.failed(request.apiKey().id, request.version(), RequestMetrics.Failure.HANDLER_FAILED);
            log.error("Failed to answer {} v{} from {}; closing the connection", request.apiKey(),
                    request.version(), request.remote(), e);
            ctx.close();
        } finally {
            request.release();
            slot.done = true;
        }
        drain();
    }

    /** A handler failed unexpectedly: answer every part of the request with UNKNOWN_SERVER_ERROR. */
    private static ApiMessage errorResponse(KafkaRequest request, Throwable error) {
        log.error("{} v{} from {} failed", request.apiKey(), request.version(), request.remote(), error);
        ByteBuffer body = request.frame().nioBuffer();
        ByteBufferAccessor accessor = new ByteBufferAccessor(body);
        new RequestHeaderData(accessor, request.apiKey().requestHeaderVersion(request.version()));
        AbstractRequest parsed = AbstractRequest.parseRequest(request.apiKey(), request.version(), accessor).request;
        return parsed.getErrorResponse(0, Errors.UNKNOWN_SERVER_ERROR.exception(error.getMessage())).data();
    }

    private void drain() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
            Slot slot = inFlight.pollFirst();
            if (slot.output == null) {
                observe(slot, slot.readyNanos);
                continue;
            }
            if (ctx.channel().isActive()) {
                for (Object part : slot.output) {
                    ctx.write(part, ctx.voidPromise());
                }
                written.add(slot);
            } else {
                slot.output.forEach(ReferenceCountUtil::release);
                observe(slot, System.nanoTime());
            }
        }
        if (!reading) {
            flush();
        }
        updateAutoRead();
    }

    private void flush() {
        if (written.isEmpty()) {
            return;
        }
        ctx.flush();
        long sent = System.nanoTime();
        for (int i = 0; i < written.size(); i++) {
            observe(written.get(i), sent);
        }
        written.clear();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flush();
        ctx.fireChannelReadComplete();
    }

    private static void observe(Slot slot, long sentNanos) {
        RequestMetrics.ApiSeries series = slot.series;
        if (series != null) {
            series.queue.observe((slot.handleStartNanos - slot.receivedNanos) / 1e9);
            series.handle.observe((slot.readyNanos - slot.handleStartNanos) / 1e9);
            series.send.observe((sentNanos - slot.readyNanos) / 1e9);
        }
    }

    private void updateAutoRead() {
        boolean read = inFlight.size() < MAX_IN_FLIGHT && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        updateAutoRead();
        super.channelWritabilityChanged(ctx);
    }

    private void answerUnsupportedApiVersions(ByteBuf frame) {
        try {
            int correlationId = frame.readableBytes() >= 8 ? frame.getInt(frame.readerIndex() + 4) : 0;
            ApiMessage body = ApiVersionsHandler.unsupportedVersion(handlers);
            inFlight.addLast(Slot.ready(ResponseEncoder.encode(ctx.alloc(), ApiKeys.API_VERSIONS, (short) 0,
                    correlationId, body)));
            drain();
        } finally {
            frame.release();
        }
    }

    private void reject(String reason) {
        stats.frameRejected();
        log.debug("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            reject(cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            log.warn("Unexpected error on connection from {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stats.connectionClosed();
        super.channelInactive(ctx);
    }
}
