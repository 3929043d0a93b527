package org.tidemq.common.remoting.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;

/**
 * Splits decoded commands by direction: requests go to the {@link RequestDispatcher} with their body still a slice of
 * the received frame; responses complete the waiting request with their body copied to the heap (late ones are
 * dropped with a DEBUG line). Sharable.
 */
@ChannelHandler.Sharable
final class InboundCommandHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundCommandHandler.class);

    private final InFlightRequests inFlight;
    private final RequestDispatcher dispatcher;

    InboundCommandHandler(InFlightRequests inFlight, RequestDispatcher dispatcher) {
        this.inFlight = inFlight;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RemotingCommand command)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!command.isResponse()) {
            dispatcher.dispatch(ctx.channel(), command);
            return;
        }
        if (command.body() != null) {
            // Invokers get a heap copy they need not release; the frame's memory goes back to the pool now.
            command.setBody(command.bodyBytes());
        }
        if (!inFlight.complete(ctx.channel(), command)) {
            LOG.debug("Dropping response {} from {}: no request waits for it (timed out or unknown)",
                    command.opaque(), RequestContext.addressText(ctx.channel().remoteAddress()));
        }
    }
}
