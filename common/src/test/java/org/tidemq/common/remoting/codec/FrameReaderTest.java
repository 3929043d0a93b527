package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.testing.TestFrames;
import org.tidemq.common.remoting.SerializeType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest {
    private static final int MAX_FRAME = 1024;

    private static ByteBuf frame(SerializeType type, int opaque, byte[] body) {
        RemotingCommand command = RemotingCommand.request(310).setOpaque(opaque).setSerializeType(type)
                .putField("topic", "T");
        return Unpooled.wrappedBuffer(TestFrames.encode(command, body));
    }

    @Test
    void waitsForTheWholeFrameByteByByte() {
        ByteBuf whole = frame(SerializeType.JSON, 11, new byte[] {1, 2, 3});
        FrameReader reader = new FrameReader(MAX_FRAME);
        ByteBuf stream = Unpooled.buffer();
        RemotingCommand command = null;
        int fed = 0;
        while (command == null) {
            stream.writeByte(whole.getByte(fed++));
            command = reader.read(stream);
            if (fed < whole.readableBytes()) {
                assertNull(command, "decoded before the last byte arrived");
            }
        }
        assertEquals(whole.readableBytes(), fed);
        assertEquals(11, command.opaque());
        assertEquals(3, command.bodyLength());
        assertNull(reader.fault());
        command.releaseBody();
    }

    @Test
    void readsConsecutiveFramesOfBothSerializations() {
        ByteBuf stream = Unpooled.wrappedBuffer(frame(SerializeType.JSON, 1, null),
                frame(SerializeType.ROCKETMQ, 2, new byte[] {7}), frame(SerializeType.JSON, 3, new byte[] {8, 9}));
        FrameReader reader = new FrameReader(MAX_FRAME);
        RemotingCommand first = reader.read(stream);
        RemotingCommand second = reader.read(stream);
        RemotingCommand third = reader.read(stream);
        assertEquals(1, first.opaque());
        assertNull(first.body());
        assertEquals(2, second.opaque());
        assertEquals(SerializeType.ROCKETMQ, second.serializeType());
        assertEquals(3, third.opaque());
        assertNull(reader.read(stream));
        assertFalse(stream.isReadable());
        second.releaseBody();
        third.releaseBody();
    }

    @Test
    void bodyIsARetainedSliceOfTheFrameNotACopy() {
        ByteBuf in = frame(SerializeType.JSON, 5, new byte[] {1, 2, 3, 4});
        int bodyIndex = in.readableBytes() - 4;
        RemotingCommand command = new FrameReader(MAX_FRAME).read(in);
        assertEquals(2, in.refCnt(), "the body holds a reference to the frame buffer");
        in.setByte(bodyIndex, 42);
        assertEquals(42, command.body().getByte(command.body().readerIndex()), "the body shares the frame's memory");
        command.releaseBody();
        assertEquals(1, in.refCnt());
    }

    @Test
    void oversizedLengthIsRejectedFromTheLengthPrefixAlone() {
        FrameReader reader = new FrameReader(MAX_FRAME);
        ByteBuf prefixOnly = Unpooled.buffer().writeInt(MAX_FRAME - 3);
        assertNull(reader.read(prefixOnly));
        assertEquals("frame of 1025 bytes exceeds the limit of 1024 bytes", reader.fault());
        assertFalse(prefixOnly.isReadable(), "a faulted stream is discarded");
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() {
        int bodyLength = MAX_FRAME - frame(SerializeType.ROCKETMQ, 9, null).readableBytes();
        ByteBuf atLimit = frame(SerializeType.ROCKETMQ, 9, new byte[bodyLength]);
        assertEquals(MAX_FRAME, atLimit.readableBytes());
        RemotingCommand command = new FrameReader(MAX_FRAME).read(atLimit);
        assertNotNull(command);
        assertEquals(bodyLength, command.bodyLength());
        command.releaseBody();

        ByteBuf overLimit = frame(SerializeType.ROCKETMQ, 9, new byte[bodyLength + 1]);
        FrameReader reader = new FrameReader(MAX_FRAME);
        assertNull(reader.read(overLimit));
        assertEquals("frame of 1025 bytes exceeds the limit of 1024 bytes", reader.fault());
    }

    @Test
    void inconsistentPreamblesAreFaults() {
        assertFault(Unpooled.buffer().writeInt(-1), "frame length -1 is below the minimum of 4");
        assertFault(Unpooled.buffer().writeInt(3), "frame length 3 is below the minimum of 4");
        assertFault(Unpooled.buffer().writeInt(20).writeInt(0x0200_0000), "unknown serialize type 2");
        assertFault(Unpooled.buffer().writeInt(20).writeInt(0xFF00_0000), "unknown serialize type 255");
        assertFault(Unpooled.buffer().writeInt(20).writeInt(17), "header length 17 exceeds frame length 20");
        assertFault(Unpooled.buffer().writeInt(4).writeInt(0),
                "malformed JSON header: JSON header ends early, expected '{'");
    }

    @Test
    void staysFaultedAndDiscardsWhateverFollows() {
        FrameReader reader = new FrameReader(MAX_FRAME);
        assertNull(reader.read(Unpooled.buffer().writeInt(-7)));
        ByteBuf valid = frame(SerializeType.JSON, 1, null);
        assertNull(reader.read(valid));
        assertFalse(valid.isReadable());
        assertTrue(reader.fault().contains("-7"));
    }

    private static void assertFault(ByteBuf in, String expected) {
        FrameReader reader = new FrameReader(MAX_FRAME);
        assertNull(reader.read(in));
        assertEquals(expected, reader.fault());
    }
}
