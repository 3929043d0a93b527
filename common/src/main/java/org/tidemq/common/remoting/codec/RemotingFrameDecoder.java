package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;

import java.util.List;

/**
 * Turns inbound bytes into {@link RemotingCommand}s. A frame over the size limit, an inconsistent length, an unknown
 * serialize type or a malformed header closes the connection with one WARN line naming the peer and the fault; nothing
 * is thrown into the pipeline. One instance per connection.
 */
public final class RemotingFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(RemotingFrameDecoder.class);

    private final FrameReader reader;
    private boolean faultReported;

    public RemotingFrameDecoder(int maxFrameBytes) {
        this.reader = new FrameReader(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        RemotingCommand command = reader.read(in);
        if (command != null) {
            out.add(command);
        } else if (reader.fault() != null && !faultReported) {
            faultReported = true;
            LOG.warn("Closing connection to {}: {}", RequestContext.addressText(ctx.channel().remoteAddress()),
                    reader.fault());
            ctx.close();
        }
    }
}
