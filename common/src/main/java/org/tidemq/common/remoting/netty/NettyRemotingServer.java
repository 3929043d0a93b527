package org.tidemq.common.remoting.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.ChannelEventListener;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingServer;
import org.tidemq.common.remoting.RequestProcessor;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RemotingServer} on Netty: one acceptor thread, {@link NettyServerConfig#workerThreads()} I/O threads, the
 * pipeline of {@link RemotingEndpoint}. Requests are decoded on I/O threads and processed on each processor's
 * executor, or inline on the I/O thread for processors registered with
 * {@link org.tidemq.common.remoting.RequestExecutors#IO_THREAD}.
 *
 * <p>A response handed to a caller of {@link #invokeAsync} carries a heap copy of its body (nothing to release); its
 * future completes on an I/O or timer thread, so chain slow work with the {@code ...Async} variants.
 */
public final class NettyRemotingServer implements RemotingServer {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingServer.class);
    private static final int ACCEPT_BACKLOG = 1024;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private enum State { CREATED, STARTED, STOPPED }

    private final NettyServerConfig config;
    private final NettyTransport transport;
    private final RemotingEndpoint endpoint;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public NettyRemotingServer(NettyServerConfig config) {
        this.config = config;
        this.transport = NettyTransport.select(config.useEpoll());
        this.endpoint = new RemotingEndpoint("tidemq-server", config.maxFrameBytes(), config.idleSeconds());
    }

    @Override
    public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
        endpoint.dispatcher.register(requestCode, processor, executor);
    }

    @Override
    public void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor) {
        endpoint.dispatcher.registerDefault(processor, executor);
    }

    @Override
    public void registerChannelListener(ChannelEventListener listener) {
        endpoint.notifier.addListener(listener);
    }

    @Override
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.STARTED)) {
            throw new IllegalStateException("server already started or shut down");
        }
        acceptorGroup = transport.newEventLoopGroup(1, "tidemq-server-accept");
        workerGroup = transport.newEventLoopGroup(config.workerThreads(), "tidemq-server-io");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, workerGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channels.add(channel);
                        endpoint.initPipeline(channel);
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.listenPort()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdown();
            throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + config.listenPort()
                    + ": " + bound.cause(), bound.cause());
        }
        serverChannel = bound.channel();
        LOG.info("Remoting server listening on {} ({})", serverChannel.localAddress(), transport);
    }

    @Override
    public int localPort() {
        Channel bound = serverChannel;
        if (bound == null) {
            throw new IllegalStateException("server not started");
        }
        return ((InetSocketAddress) bound.localAddress()).getPort();
    }

    /** The socket transport in use ({@code EPOLL} or {@code NIO}). */
    public String transportName() {
        return transport.name();
    }

    @Override
    public CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request,
                                                          long timeoutMillis) {
        return endpoint.invoker.invoke(channel, request, timeoutMillis);
    }

    @Override
    public CompletableFuture<Void> invokeOneway(Channel channel, RemotingCommand request) {
        return endpoint.invoker.invokeOneway(channel, request);
    }

    @Override
    public void shutdown() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        if (acceptorGroup != null) {
            acceptorGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        endpoint.shutdown("server shut down");
    }
}
