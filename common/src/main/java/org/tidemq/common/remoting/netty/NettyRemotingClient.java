package org.tidemq.common.remoting.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.Timeout;
import org.tidemq.common.remoting.ChannelEventListener;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestProcessor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RemotingClient} on Netty: one connection per {@code host:port}, opened on first use and reopened on the next
 * call after it closed. A call's timeout covers connecting, writing and waiting for the response.
 *
 * <p>A response returned by {@link #invokeSync} or {@link #invokeAsync} carries a heap copy of its body (nothing to
 * release). {@link #invokeOneway} completes once the frame is written; its timeout bounds only the connect. Response
 * futures complete on an I/O or timer thread: chain slow work with the {@code ...Async} variants.
 */
public final class NettyRemotingClient implements RemotingClient {
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** Extra wait in {@link #invokeSync} beyond the request timeout, so the timer, not the waiter, decides. */
    private static final long SYNC_WAIT_GRACE_MILLIS = 1000;

    private enum State { CREATED, STARTED, STOPPED }

    private final NettyClientConfig config;
    private final NettyTransport transport;
    private final RemotingEndpoint endpoint;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private EventLoopGroup workerGroup;
    private ClientChannelTable channels;

    public NettyRemotingClient(NettyClientConfig config) {
        this.config = config;
        this.transport = NettyTransport.select(config.useEpoll());
        this.endpoint = new RemotingEndpoint("tidemq-client", config.maxFrameBytes(), config.idleSeconds());
    }

    @Override
    public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
        endpoint.dispatcher.register(requestCode, processor, executor);
    }

    @Override
    public void registerChannelListener(ChannelEventListener listener) {
        endpoint.notifier.addListener(listener);
    }

    @Override
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.STARTED)) {
            throw new IllegalStateException("client already started or shut down");
        }
        workerGroup = transport.newEventLoopGroup(config.workerThreads(), "tidemq-client-io");
        Bootstrap bootstrap = new Bootstrap()
                .group(workerGroup)
                .channel(transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        endpoint.initPipeline(channel);
                    }
                });
        channels = new ClientChannelTable(bootstrap);
    }

    /** The socket transport in use ({@code EPOLL} or {@code NIO}). */
    public String transportName() {
        return transport.name();
    }

    @Override
    public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        CompletableFuture<RemotingCommand> response = invokeAsync(address, request, timeoutMillis);
        try {
            return response.get(Math.max(timeoutMillis, 0) + SYNC_WAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RemotingException remoting) {
                throw remoting;
            }
            throw new RemotingException("call to " + address + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RemotingException.TimeoutException(address, timeoutMillis);
        }
    }

    @Override
    public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request,
                                                          long timeoutMillis) {
        return whenConnected(address, request, timeoutMillis,
                (channel, remainingMillis) ->
                        endpoint.invoker.invoke(channel, request, remainingMillis, timeoutMillis));
    }

    @Override
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request, long timeoutMillis) {
        return whenConnected(address, request, timeoutMillis,
                (channel, remainingMillis) -> endpoint.invoker.invokeOneway(channel, request));
    }

    /** Runs {@code send} once the connection to {@code address} is up, within the call's deadline. */
    private <T> CompletableFuture<T> whenConnected(String address, RemotingCommand request, long timeoutMillis,
                                                   Send<T> send) {
        if (state.get() != State.STARTED) {
            request.releaseBody();
            return CompletableFuture.failedFuture(new IllegalStateException("client not started or shut down"));
        }
        ChannelFuture connection;
        try {
            connection = channels.connection(address);
        } catch (IllegalArgumentException e) {
            request.releaseBody();
            return CompletableFuture.failedFuture(new RemotingException.ConnectException(address, e));
        }
        if (connection.isDone() && connection.isSuccess() && connection.channel().isActive()) {
            return send.apply(connection.channel(), timeoutMillis);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        CompletableFuture<T> result = new CompletableFuture<>();
        Timeout connectDeadline = endpoint.schedule(
                () -> result.completeExceptionally(new RemotingException.TimeoutException(address, timeoutMillis)),
                timeoutMillis);
        // Connect always settles (success, failure, connect timeout or shutdown), so the body is released here.
        connection.addListener((ChannelFuture connected) -> {
            connectDeadline.cancel();
            if (result.isDone()) {
                request.releaseBody();
                return;
            }
            if (!connected.isSuccess()) {
                request.releaseBody();
                result.completeExceptionally(new RemotingException.ConnectException(address, connected.cause()));
                return;
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            send.apply(connected.channel(), remainingMillis).whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    @FunctionalInterface
    private interface Send<T> {
        CompletableFuture<T> apply(Channel channel, long remainingMillis);
    }

    @Override
    public void closeChannel(String address) {
        ClientChannelTable table = channels;
        if (table != null) {
            table.close(address);
        }
    }

    @Override
    public void shutdown() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        if (channels != null) {
            channels.closeAll();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        endpoint.shutdown("client shut down");
    }
}
