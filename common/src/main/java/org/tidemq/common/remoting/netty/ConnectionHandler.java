package org.tidemq.common.remoting.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RequestContext;

import java.io.IOException;

/**
 * Connection lifecycle of one endpoint: reports connect/close/idle/exception to the {@link ChannelEventNotifier},
 * fails the requests still waiting on a closed connection, closes idle connections and closes a connection on any
 * exception with a single log line (no stack trace: peers resetting connections is routine). Sharable.
 */
@ChannelHandler.Sharable
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final AttributeKey<String> PEER = AttributeKey.valueOf(ConnectionHandler.class, "peer");

    private final InFlightRequests inFlight;
    private final ChannelEventNotifier notifier;

    ConnectionHandler(InFlightRequests inFlight, ChannelEventNotifier notifier) {
        this.inFlight = inFlight;
        this.notifier = notifier;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String peer = RequestContext.addressText(ctx.channel().remoteAddress());
        ctx.channel().attr(PEER).set(peer);
        notifier.connected(ctx.channel(), peer);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String peer = peer(ctx);
        inFlight.failChannel(ctx.channel(), peer);
        notifier.closed(ctx.channel(), peer);
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            String peer = peer(ctx);
            LOG.info("Closing idle connection to {}", peer);
            notifier.idle(ctx.channel(), peer);
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String peer = peer(ctx);
        if (cause instanceof IOException) {
            LOG.debug("Closing connection to {}: {}", peer, cause.toString());
        } else {
            LOG.warn("Closing connection to {}: {}", peer, cause.toString());
        }
        notifier.exception(ctx.channel(), peer, cause);
        ctx.close();
    }

    private static String peer(ChannelHandlerContext ctx) {
        String peer = ctx.channel().attr(PEER).get();
        return peer != null ? peer : RequestContext.addressText(ctx.channel().remoteAddress());
    }
}
