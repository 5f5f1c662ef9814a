package dev.sluice.broker.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP endpoint for monitoring: {@code /metrics} (Prometheus text, or OpenMetrics when the Accept header
 * asks for it), {@code /health} (200 while the process runs) and {@code /ready} (200 once the broker serves
 * clients, 503 before). It runs on one event-loop thread of its own, so a slow scrape never delays Kafka
 * requests, and it is started before the logs are loaded so that {@code /ready} answers during recovery.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    private static final int MAX_REQUEST_BYTES = 8192;

    /** The metrics endpoint could not bind its address. */
    public static final class MetricsBindException extends BindException {
        MetricsBindException(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    private final PrometheusRegistry registry;
    private final BooleanSupplier ready;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final EventLoopGroup group;
    private Channel channel;

    public MetricsServer(PrometheusRegistry registry, BooleanSupplier ready) {
        this.registry = registry;
        this.ready = ready;
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "sluice-metrics");
            t.setDaemon(true);
            return t;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
    }

    /** Binds and starts serving; returns the bound address (the real port when 0 was asked). */
    public InetSocketAddress bind(String host, int port) throws MetricsBindException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("serve", new Endpoints());
                    }
                });
        ChannelFuture binding = (host.isEmpty() ? bootstrap.bind(port) : bootstrap.bind(host, port)).await();
        if (!binding.isSuccess()) {
            throw new MetricsBindException("cannot listen on " + host + ":" + port + " for metrics: "
                    + binding.cause().getMessage(), binding.cause());
        }
        channel = binding.channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("Serving /metrics, /health and /ready on http://{}:{}", bound.getHostString(), bound.getPort());
        return bound;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers one request at a time per connection; confined to the server's event loop. */
    private final class Endpoints extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response;
            if (!request.decoderResult().isSuccess()) {
                response = text(HttpResponseStatus.BAD_REQUEST, "bad request\n");
            } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n");
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            } else {
                response = switch (new QueryStringDecoder(request.uri()).path()) {
                    case "/metrics" -> metrics(ctx, request.headers().get(HttpHeaderNames.ACCEPT));
                    case "/health" -> text(HttpResponseStatus.OK, "ok\n");
                    case "/ready" -> ready.getAsBoolean() ? text(HttpResponseStatus.OK, "ready\n")
                            : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready\n");
                    default -> text(HttpResponseStatus.NOT_FOUND, "not found; try /metrics, /health or /ready\n");
                };
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (HttpMethod.HEAD.equals(request.method())) {
                response.content().clear();
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            HttpUtil.setKeepAlive(response, keepAlive);
            ChannelFuture written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private FullHttpResponse metrics(ChannelHandlerContext ctx, String accept) {
            ExpositionFormatWriter writer = formats.findWriter(accept);
            if (!writer.isAvailable()) {
                // Protobuf needs a module this broker does not ship; every scraper also takes text.
                writer = formats.getOpenMetricsTextFormatWriter().accepts(accept)
                        ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
            }
            ByteBuf body = ctx.alloc().buffer();
            try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
                writer.write(out, registry.scrape());
            } catch (IOException | RuntimeException e) {
                body.release();
                log.warn("Failed to write metrics", e);
                return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot collect metrics\n");
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, writer.getContentType());
            return response;
        }

        private static FullHttpResponse text(HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
            return response;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Metrics connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
