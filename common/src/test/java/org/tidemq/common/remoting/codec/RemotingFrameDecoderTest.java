package org.tidemq.common.remoting.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.testing.TestFrames;
import org.tidemq.common.remoting.testing.LogCapture;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemotingFrameDecoderTest {

    @Test
    void faultClosesTheChannelWithOneWarnLineNamingPeerAndFault() {
        try (LogCapture log = new LogCapture(RemotingFrameDecoder.class)) {
            EmbeddedChannel channel = new EmbeddedChannel(new RemotingFrameDecoder(1024));
            byte[] valid = TestFrames.encode(RemotingCommand.request(34), null);
            channel.writeInbound(Unpooled.buffer().writeInt(5000).writeInt(0).writeInt(-1).writeBytes(valid));
            assertFalse(channel.isOpen());
            List<String> warnings = log.warnings();
            assertEquals(List.of("Closing connection to embedded: frame of 5004 bytes exceeds the limit of 1024 bytes"),
                    warnings);
            assertNull(channel.readInbound());
        }
    }

    @Test
    void healthyStreamStaysOpenAndLogsNothing() {
        try (LogCapture log = new LogCapture(RemotingFrameDecoder.class)) {
            EmbeddedChannel channel = new EmbeddedChannel(new RemotingFrameDecoder(1024));
            byte[] frame = TestFrames.encode(RemotingCommand.request(34), new byte[] {1});
            channel.writeInbound(Unpooled.wrappedBuffer(frame), Unpooled.wrappedBuffer(frame));
            assertTrue(channel.isOpen());
            RemotingCommand first = channel.readInbound();
            RemotingCommand second = channel.readInbound();
            assertEquals(34, first.code());
            assertEquals(34, second.code());
            first.releaseBody();
            second.releaseBody();
            assertTrue(log.warnings().isEmpty());
            assertFalse(channel.finish());
        }
    }
}
