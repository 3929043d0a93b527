package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * Writes a {@link RemotingCommand} as two buffers: a small head (length prefix, header-length-and-type, header) and the
 * command's body itself, so the body is never copied. The body's reference moves to the write, which releases it once
 * written or failed. A command that cannot be framed (header or frame too large) fails its write promise with a message
 * saying why and releases the body.
 */
@ChannelHandler.Sharable
public final class RemotingCommandEncoder extends ChannelOutboundHandlerAdapter {
    private final int maxFrameBytes;

    public RemotingCommandEncoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof RemotingCommand command)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf body = command.detachBody();
        int bodyLength = body == null ? 0 : body.readableBytes();
        ByteBuf head = ctx.alloc().ioBuffer(FrameWriter.estimateHeadBytes(command));
        try {
            FrameWriter.writeHead(command, bodyLength, maxFrameBytes, head);
        } catch (RuntimeException e) {
            head.release();
            if (body != null) {
                body.release();
            }
            promise.tryFailure(e);
            return;
        }
        if (bodyLength == 0) {
            if (body != null) {
                body.release();
            }
            ctx.write(head, promise);
        } else {
            ctx.write(head);
            ctx.write(body, promise);
        }
    }
}
