package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemotingCommandEncoderTest {
    private static final int MAX_FRAME = RemotingFrame.DEFAULT_MAX_FRAME_BYTES;

    @Test
    void writesHeadThenTheSameBodyBufferWithoutCopying() {
        EmbeddedChannel channel = new EmbeddedChannel(new RemotingCommandEncoder(MAX_FRAME));
        ByteBuf body = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3, 4, 5});
        RemotingCommand command = RemotingCommand.request(10).setSerializeType(SerializeType.ROCKETMQ).setBody(body);
        assertTrue(channel.writeOutbound(command));
        assertNull(command.body(), "the write owns the body now");

        ByteBuf head = channel.readOutbound();
        ByteBuf written = channel.readOutbound();
        assertSame(body, written, "the body goes out as the caller's buffer");
        assertEquals(RemotingFrame.totalLength(head.readableBytes() - RemotingFrame.HEADER_OFFSET, 5),
                head.getInt(RemotingFrame.TOTAL_LENGTH_OFFSET));

        ByteBuf frame = Unpooled.wrappedBuffer(head, written);
        RemotingCommand decoded = new FrameReader(MAX_FRAME).read(frame);
        assertEquals(command.opaque(), decoded.opaque());
        assertEquals(5, decoded.bodyLength());
        decoded.releaseBody();
        frame.release();
        assertEquals(0, body.refCnt(), "body released once the frame is gone");
        assertFalse(channel.finish());
    }

    @Test
    void commandWithoutBodyIsOneBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new RemotingCommandEncoder(MAX_FRAME));
        channel.writeOutbound(RemotingCommand.request(105).putField("topic", "TopicA"));
        ByteBuf head = channel.readOutbound();
        assertEquals(head.readableBytes() - RemotingFrame.TOTAL_LENGTH_BYTES, head.getInt(0));
        assertNull(channel.readOutbound());
        head.release();
    }

    @Test
    void frameOverTheLimitFailsTheWriteAndReleasesTheBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new RemotingCommandEncoder(256));
        ByteBuf body = Unpooled.buffer().writeZero(300);
        ChannelFuture write = channel.writeAndFlush(RemotingCommand.request(10).setBody(body));
        assertFalse(write.isSuccess());
        assertInstanceOf(IllegalArgumentException.class, write.cause());
        assertTrue(write.cause().getMessage().contains("exceeds the limit of 256 bytes"), write.cause().getMessage());
        assertEquals(0, body.refCnt());
        assertNull(channel.readOutbound());

        ByteBuf smallBody = Unpooled.buffer().writeZero(10);
        assertTrue(channel.writeAndFlush(RemotingCommand.request(10).setBody(smallBody)).isSuccess(), "control");
        ((ByteBuf) channel.readOutbound()).release();
        ((ByteBuf) channel.readOutbound()).release();
        assertEquals(0, smallBody.refCnt());
    }
}
