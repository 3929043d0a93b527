package org.tidemq.common.remoting;

import java.util.concurrent.CompletableFuture;

/**
 * Handles the requests of one or more request codes.
 *
 * <p>The transport calls {@link #process} on the executor registered with the processor. That is never a Netty I/O
 * thread, unless the processor was registered with {@link RequestExecutors#IO_THREAD}: then it runs inline on the I/O
 * thread that read the request, and it must never block (see there). The returned future completes with the response to write, or with {@code null} for no response (oneway requests are
 * never answered, whatever the future holds). An exception, thrown or in the future, is answered with SYSTEM_ERROR
 * naming it. Returning a future lets a processor answer later (e.g. when a store write is durable) without blocking a
 * thread per request.
 *
 * <p>Implementations must be thread-safe: the executor may run many requests at once.
 */
@FunctionalInterface
public interface RequestProcessor {

    CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) throws Exception;

    /**
     * A processor that answers on the calling thread: for quick, non-blocking handlers (the NameServer, admin reads).
     */
    @FunctionalInterface
    interface Sync extends RequestProcessor {
        RemotingCommand processNow(RequestContext context, RemotingCommand request) throws Exception;

        @Override
        default CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
                throws Exception {
            return CompletableFuture.completedFuture(processNow(context, request));
        }
    }
}
