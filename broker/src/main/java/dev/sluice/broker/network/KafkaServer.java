package dev.sluice.broker.network;

import dev.sluice.broker.handlers.ApiHandlers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka-protocol listener: accepts connections, splits length-prefixed frames (bounded by
 * {@code socket.request.max.bytes}), and hands them to a {@link RequestDispatcher} per connection.
 * Uses the native epoll transport when available unless configured otherwise.
 */
public final class KafkaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

    /** Settings of the listener, taken from the broker configuration. */
    public record Settings(int ioThreads, String ioMode, int maxFrameBytes, long idleTimeoutMs,
                           int sendBufferBytes, int receiveBufferBytes) {
    }

    private final Settings settings;
    private volatile ApiHandlers handlers;
    private volatile RequestMetrics metrics;
    private final ConnectionStats stats = new ConnectionStats();
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelType;
    private final List<Channel> serverChannels = new ArrayList<>();

    public KafkaServer(Settings settings) {
        this.settings = settings;
        boolean epoll = switch (settings.ioMode()) {
            case "epoll" -> {
                Epoll.ensureAvailability();
                yield true;
            }
            case "nio" -> false;
            default -> Epoll.isAvailable();
        };
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new NamedThreadFactory("sluice-io"), ioHandler);
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Binds a listener and returns the address it is bound to (the real port when 0 was asked).
     * Connections wait in the backlog until {@link #accept} is called.
     */
    public InetSocketAddress bind(String host, int port) throws BindException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (settings.sendBufferBytes() > 0) {
                            ch.config().setSendBufferSize(settings.sendBufferBytes());
                        }
                        if (settings.receiveBufferBytes() > 0) {
                            ch.config().setReceiveBufferSize(settings.receiveBufferBytes());
                        }
                        FrameDecoder frames = new FrameDecoder(settings.maxFrameBytes());
                        ch.config().setRecvByteBufAllocator(
                                new FrameReadAllocator(frames, ch.config().getRecvByteBufAllocator()));
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeoutMs(), TimeUnit.MILLISECONDS) {
                                    @Override
                                    protected void channelIdle(io.netty.channel.ChannelHandlerContext ctx, IdleStateEvent evt) {
                                        log.debug("Closing idle connection from {}", ctx.channel().remoteAddress());
                                        ctx.close();
                                    }
                                })
                                .addLast("frames", frames)
                                .addLast("dispatch", new RequestDispatcher(handlers, stats, metrics));
                    }
                });
        ChannelFuture binding = bootstrap.bind(host, port).await();
        if (!binding.isSuccess()) {
            BindException failure = new BindException(String.valueOf(binding.cause().getMessage()));
            failure.initCause(binding.cause());
            throw failure;
        }
        Channel channel = binding.channel();
        serverChannels.add(channel);
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("Listening on {}:{} ({})", bound.getHostString(), bound.getPort(),
                channelType == EpollServerSocketChannel.class ? "epoll" : "nio");
        return bound;
    }

    /** Starts accepting connections on every bound listener, served by {@code table} and counted in {@code metrics}. */
    public void accept(ApiHandlers table, RequestMetrics metrics) {
        this.metrics = metrics;
        this.handlers = table;
        for (Channel channel : serverChannels) {
            channel.config().setAutoRead(true);
        }
    }

    public ConnectionStats stats() {
        return stats;
    }

    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
