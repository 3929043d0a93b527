package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes inbound requests to the processor registered for their code and runs it on that processor's executor, so one
 * slow code never stalls another; processors registered with {@link RequestExecutors#IO_THREAD} run right here on the
 * I/O thread instead. Answers the generic errors itself: unknown code → REQUEST_CODE_NOT_SUPPORTED,
 * executor full → SYSTEM_BUSY ({@code [OVERLOAD]...}), processor failure → SYSTEM_ERROR with the exception summary.
 * Oneway requests are never answered. The request body is released once the processor's future completes.
 *
 * <p>Responses are forced to carry the request's opaque, the response flag and the request's serialization.
 * Thread-safe; registrations normally happen before the endpoint starts.
 */
final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";

    private record Binding(RequestProcessor processor, ExecutorService executor) {
    }

    private final Map<Integer, Binding> bindings = new ConcurrentHashMap<>();
    private volatile Binding defaultBinding;

    void register(int requestCode, RequestProcessor processor, ExecutorService executor) {
        bindings.put(requestCode, new Binding(Objects.requireNonNull(processor, "processor"),
                Objects.requireNonNull(executor, "executor")));
    }

    void registerDefault(RequestProcessor processor, ExecutorService executor) {
        defaultBinding = new Binding(Objects.requireNonNull(processor, "processor"),
                Objects.requireNonNull(executor, "executor"));
    }

    /** Called on the I/O thread for every inbound request; never blocks. */
    void dispatch(Channel channel, RemotingCommand request) {
        Binding binding = bindings.get(request.code());
        if (binding == null) {
            binding = defaultBinding;
        }
        if (binding == null) {
            request.releaseBody();
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code() + " not supported"));
            return;
        }
        Binding chosen = binding;
        if (chosen.executor() == RequestExecutors.IO_THREAD) {
            process(chosen.processor(), channel, request);
            return;
        }
        try {
            chosen.executor().execute(() -> process(chosen.processor(), channel, request));
        } catch (RejectedExecutionException e) {
            LOG.debug("Executor for code {} rejected a request from {}", request.code(),
                    RequestContext.addressText(channel.remoteAddress()));
            request.releaseBody();
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY, OVERLOAD_REMARK));
        }
    }

    private void process(RequestProcessor processor, Channel channel, RemotingCommand request) {
        CompletableFuture<RemotingCommand> result;
        try {
            result = processor.process(new RequestContext(channel), request);
            if (result == null) {
                result = CompletableFuture.failedFuture(new IllegalStateException(
                        "processor for code " + request.code() + " returned no future"));
            }
        } catch (Throwable t) {
            result = CompletableFuture.failedFuture(t);
        }
        result.whenComplete((response, error) -> finish(channel, request, response, error));
    }

    private void finish(Channel channel, RemotingCommand request, RemotingCommand response, Throwable error) {
        request.releaseBody();
        if (error != null) {
            Throwable cause = unwrap(error);
            LOG.warn("Processor for code {} from {} failed: {}", request.code(),
                    RequestContext.addressText(channel.remoteAddress()), cause.toString());
            if (response != null) {
                response.releaseBody();
            }
            response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, cause.toString());
        }
        if (response != null) {
            answer(channel, request, response);
        }
    }

    private static void answer(Channel channel, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            response.releaseBody();
            return;
        }
        response.setOpaque(request.opaque());
        response.setFlag(response.flag() | RemotingCommand.FLAG_RESPONSE);
        response.setSerializeType(request.serializeType());
        if (response.body() == null) {
            channel.writeAndFlush(response);
        } else {
            channel.writeAndFlush(response).addListener(written -> {
                if (!written.isSuccess()) {
                    onBodyResponseFailed(channel, request, response, written.cause());
                }
            });
        }
    }

    /** A response with a body could not be written: free the body and, if it could not be framed, say so. */
    private static void onBodyResponseFailed(Channel channel, RemotingCommand request, RemotingCommand response,
                                             Throwable cause) {
        // The encoder normally took the body already; this covers writes that never reached it (event loop gone).
        response.releaseBody();
        if (cause instanceof IllegalArgumentException && channel.isActive()) {
            LOG.warn("Response to code {} from {} cannot be sent: {}", request.code(),
                    RequestContext.addressText(channel.remoteAddress()), cause.getMessage());
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "response cannot be sent: " + cause.getMessage()));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
