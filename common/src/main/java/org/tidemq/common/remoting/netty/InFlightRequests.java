package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests of one endpoint that await their response, keyed by opaque. Each entry is completed exactly once: by its
 * response, by its timeout (a {@link Timer} task), by a send failure or by its connection closing. A response that
 * finds no entry (late, unknown, or from another connection) is reported back to the caller to drop.
 *
 * <p>Futures complete on the thread that settles them (usually a Netty I/O thread): callers chain heavy work with the
 * {@code ...Async} variants. Thread-safe.
 */
final class InFlightRequests {
    private final Map<Integer, PendingResponse> pending = new ConcurrentHashMap<>();
    private final Timer timer;

    InFlightRequests(Timer timer) {
        this.timer = timer;
    }

    /**
     * Tracks a request about to be written on {@code channel}; it fails after {@code remainingMillis} with a timeout
     * that reports the caller's whole {@code timeoutMillis} (part of which may have gone into connecting).
     *
     * @return the response future, or {@code null} when a request with the same opaque is already in flight
     */
    CompletableFuture<RemotingCommand> register(Channel channel, String peer, int opaque, long remainingMillis,
                                                long timeoutMillis) {
        PendingResponse entry = new PendingResponse(channel, peer, opaque, timeoutMillis);
        if (pending.putIfAbsent(opaque, entry) != null) {
            return null;
        }
        entry.timeout = timer.newTimeout(entry, remainingMillis, TimeUnit.MILLISECONDS);
        return entry.future;
    }

    /**
     * Completes the request {@code response} answers.
     *
     * @return false when no request on {@code channel} waits for this opaque; the caller then owns the response
     */
    boolean complete(Channel channel, RemotingCommand response) {
        PendingResponse entry = pending.get(response.opaque());
        if (entry == null || entry.channel != channel || !pending.remove(response.opaque(), entry)) {
            return false;
        }
        entry.cancelTimeout();
        return entry.future.complete(response);
    }

    /** Fails the request with {@code opaque}, if still waiting (e.g. its frame could not be written). */
    void fail(int opaque, RemotingException cause) {
        PendingResponse entry = pending.remove(opaque);
        if (entry != null) {
            entry.cancelTimeout();
            entry.future.completeExceptionally(cause);
        }
    }

    /** Fails every request waiting on {@code channel}, which has closed. */
    void failChannel(Channel channel, String peer) {
        for (Iterator<PendingResponse> it = pending.values().iterator(); it.hasNext(); ) {
            PendingResponse entry = it.next();
            if (entry.channel == channel && pending.remove(entry.opaque, entry)) {
                entry.cancelTimeout();
                entry.future.completeExceptionally(
                        new RemotingException("connection to " + peer + " closed before the response arrived"));
            }
        }
    }

    /** Fails everything still waiting; used at shutdown. */
    void failAll(String reason) {
        for (PendingResponse entry : pending.values()) {
            if (pending.remove(entry.opaque, entry)) {
                entry.cancelTimeout();
                entry.future.completeExceptionally(new RemotingException(reason));
            }
        }
    }

    int size() {
        return pending.size();
    }

    /** One waiting request; also its own timeout task, so a request costs one tracking object. */
    private final class PendingResponse implements TimerTask {
        final Channel channel;
        final String peer;
        final int opaque;
        final long timeoutMillis;
        final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        volatile Timeout timeout;

        PendingResponse(Channel channel, String peer, int opaque, long timeoutMillis) {
            this.channel = channel;
            this.peer = peer;
            this.opaque = opaque;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void run(Timeout expired) {
            if (pending.remove(opaque, this)) {
                future.completeExceptionally(new RemotingException.TimeoutException(peer, timeoutMillis));
            }
        }

        void cancelTimeout() {
            Timeout scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel();
            }
        }
    }
}
