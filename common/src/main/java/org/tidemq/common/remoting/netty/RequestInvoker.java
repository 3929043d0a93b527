package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestContext;

import java.util.concurrent.CompletableFuture;

/**
 * Sends requests over an established channel: request/response (tracked in {@link InFlightRequests}) or oneway. The
 * request's body always ends up released: by the write, or here when the request never reaches the wire. Thread-safe.
 */
final class RequestInvoker {
    private final InFlightRequests inFlight;

    RequestInvoker(InFlightRequests inFlight) {
        this.inFlight = inFlight;
    }

    /** Writes {@code request} and completes with its response, or with a {@link RemotingException}. */
    CompletableFuture<RemotingCommand> invoke(Channel channel, RemotingCommand request, long timeoutMillis) {
        return invoke(channel, request, timeoutMillis, timeoutMillis);
    }

    /**
     * As {@link #invoke(Channel, RemotingCommand, long)} for a call that already spent part of its
     * {@code timeoutMillis} (connecting): waits {@code remainingMillis} at most.
     */
    CompletableFuture<RemotingCommand> invoke(Channel channel, RemotingCommand request, long remainingMillis,
                                              long timeoutMillis) {
        String peer = RequestContext.addressText(channel.remoteAddress());
        if (request.isOneway() || request.isResponse()) {
            request.releaseBody();
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "invoke expects a request that awaits a response but got flag " + request.flag()));
        }
        if (remainingMillis <= 0) {
            request.releaseBody();
            return CompletableFuture.failedFuture(new RemotingException.TimeoutException(peer, timeoutMillis));
        }
        int opaque = request.opaque();
        CompletableFuture<RemotingCommand> response =
                inFlight.register(channel, peer, opaque, remainingMillis, timeoutMillis);
        if (response == null) {
            request.releaseBody();
            return CompletableFuture.failedFuture(new RemotingException.SendException(peer,
                    new IllegalStateException("a request with opaque " + opaque + " is already in flight")));
        }
        channel.writeAndFlush(request).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                request.releaseBody();
                inFlight.fail(opaque, new RemotingException.SendException(peer, written.cause()));
            }
        });
        return response;
    }

    /** Writes a oneway request (flagging it so); completes once written. */
    CompletableFuture<Void> invokeOneway(Channel channel, RemotingCommand request) {
        request.setFlag(request.flag() | RemotingCommand.FLAG_ONEWAY);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        channel.writeAndFlush(request).addListener((ChannelFuture written) -> {
            if (written.isSuccess()) {
                sent.complete(null);
            } else {
                request.releaseBody();
                sent.completeExceptionally(new RemotingException.SendException(
                        RequestContext.addressText(channel.remoteAddress()), written.cause()));
            }
        });
        return sent;
    }
}
