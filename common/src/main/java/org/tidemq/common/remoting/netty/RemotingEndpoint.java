package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.tidemq.common.remoting.codec.RemotingCommandEncoder;
import org.tidemq.common.remoting.codec.RemotingFrameDecoder;

import java.util.concurrent.TimeUnit;

/**
 * What the server and the client share: the processor table, the in-flight request table, the channel listeners and
 * the pipeline every connection gets (idle detection, framing, encoding, lifecycle, command routing).
 */
final class RemotingEndpoint {
    /**
     * One timer for every endpoint of the process: a tick of 10 ms is precise enough for request timeouts, and a
     * single daemon thread avoids a timer thread per client.
     */
    private static final Timer REQUEST_TIMEOUTS = new HashedWheelTimer(
            new DefaultThreadFactory("tidemq-request-timeout", true), 10, TimeUnit.MILLISECONDS, 512);

    final RequestDispatcher dispatcher = new RequestDispatcher();
    final InFlightRequests inFlight = new InFlightRequests(REQUEST_TIMEOUTS);
    final RequestInvoker invoker = new RequestInvoker(inFlight);
    final ChannelEventNotifier notifier;
    private final RemotingCommandEncoder encoder;
    private final ConnectionHandler connectionHandler;
    private final InboundCommandHandler inboundHandler;
    private final int maxFrameBytes;
    private final int idleSeconds;

    RemotingEndpoint(String name, int maxFrameBytes, int idleSeconds) {
        this.notifier = new ChannelEventNotifier(name + "-channel-events");
        this.encoder = new RemotingCommandEncoder(maxFrameBytes);
        this.connectionHandler = new ConnectionHandler(inFlight, notifier);
        this.inboundHandler = new InboundCommandHandler(inFlight, dispatcher);
        this.maxFrameBytes = maxFrameBytes;
        this.idleSeconds = idleSeconds;
    }

    /** Installs the handlers of one connection. */
    void initPipeline(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        // Responses written while a read batch is being handled (inline processors, pipelining clients) leave in one
        // write at the end of the batch; a flush outside a read (executor threads, lone requests) goes out at once.
        pipeline.addLast("flush-consolidation",
                new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
        if (idleSeconds > 0) {
            pipeline.addLast("idle", new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
        }
        pipeline.addLast("decoder", new RemotingFrameDecoder(maxFrameBytes));
        pipeline.addLast("encoder", encoder);
        pipeline.addLast("connection", connectionHandler);
        pipeline.addLast("commands", inboundHandler);
    }

    /** Runs {@code task} on the shared timer thread after {@code delayMillis}; it must be quick. */
    Timeout schedule(Runnable task, long delayMillis) {
        return REQUEST_TIMEOUTS.newTimeout(timeout -> task.run(), Math.max(delayMillis, 0), TimeUnit.MILLISECONDS);
    }

    /** Fails what still waits and stops event delivery. */
    void shutdown(String reason) {
        inFlight.failAll(reason);
        notifier.shutdown();
    }
}
