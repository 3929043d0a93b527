package org.tidemq.common.remoting;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The connecting side of the remoting protocol: one pooled connection per {@code host:port}, many in-flight requests
 * per connection matched by opaque.
 *
 * <p>Failures complete futures exceptionally with {@link RemotingException} subclasses (connect failure, send
 * failure, timeout); a timed-out request's late response is dropped. Requests the peer sends back over the same
 * connection (e.g. NOTIFY_CONSUMER_IDS_CHANGED) go to processors registered here.
 *
 * <p>Thread-safety: register processors before {@link #start()}; every other method is thread-safe.
 */
public interface RemotingClient extends AutoCloseable {

    void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor);

    void registerChannelListener(ChannelEventListener listener);

    void start();

    /** Sends and waits for the response. */
    RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException;

    /** Sends; the future completes with the response or exceptionally with a {@link RemotingException}. */
    CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request, long timeoutMillis);

    /** Sends a oneway request; the future completes once the frame is written. */
    CompletableFuture<Void> invokeOneway(String address, RemotingCommand request, long timeoutMillis);

    /** Closes the pooled connection to {@code address}, if any. */
    void closeChannel(String address);

    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
