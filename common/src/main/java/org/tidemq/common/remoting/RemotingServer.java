package org.tidemq.common.remoting;

import io.netty.channel.Channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A listening endpoint of the remoting protocol.
 *
 * <p>Each request code is routed to the processor registered for it and run on that processor's executor, so a slow
 * admin call never stalls sends. A code with no processor (and no default) is answered REQUEST_CODE_NOT_SUPPORTED.
 * Responses written while a batch of received requests is being handled leave together in one socket write when the
 * batch ends; any other response is flushed at once. Responses are written in JSON or ROCKETMQ form, whichever the
 * request used. Bad input (an oversized frame, a malformed header) closes that connection with one log line naming
 * the peer and the fault.
 *
 * <p>Thread-safety: register processors before {@link #start()}; every other method is thread-safe.
 */
public interface RemotingServer extends AutoCloseable {

    /**
     * Routes {@code requestCode} to {@code processor}, run on {@code executor}; with
     * {@link RequestExecutors#IO_THREAD} it runs inline on the I/O thread that read the request (only for processors
     * that never block).
     */
    void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor);

    /** Handles every code that has no processor of its own. */
    void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor);

    /** Told when a connection opens, closes, idles out or fails; optional. */
    void registerChannelListener(ChannelEventListener listener);

    /** Binds and starts accepting. Throws if the port cannot be bound. */
    void start();

    /** The port actually bound (useful when configured with port 0). */
    int localPort();

    /** Sends a request to a connected peer (e.g. broker → client) and completes with its response. */
    CompletableFuture<RemotingCommand> invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis);

    /** Sends a oneway request to a connected peer. */
    CompletableFuture<Void> invokeOneway(Channel channel, RemotingCommand request);

    /** Stops accepting, closes connections and releases threads. Idempotent. */
    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
