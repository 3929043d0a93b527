package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.testing.TestFrames;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Byte-exact frames for the facts sheet §2.2 request (GET_ROUTEINFO_BY_TOPIC 105, topic TopicA, opaque 7, version
 * 453), in both serializations, written out by hand and compared with what our codec produces and reads back.
 */
class FrameGoldenBytesTest {
    private static final String GOLDEN_JSON_HEADER = "{\"code\":105,\"extFields\":{\"topic\":\"TopicA\"},\"flag\":0,"
            + "\"language\":\"JAVA\",\"opaque\":7,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":453}";

    private static RemotingCommand routeRequest(SerializeType type) {
        Map<String, String> fields = new HashMap<>();
        fields.put("topic", "TopicA");
        return new RemotingCommand().setCode(105).setLanguage(LanguageCode.JAVA).setVersion(453).setOpaque(7)
                .setFlag(0).setExtFields(fields).setSerializeType(type);
    }

    private static byte[] jsonFrame(byte[] body) throws IOException {
        byte[] header = GOLDEN_JSON_HEADER.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(4 + header.length + body.length);
        out.writeInt(header.length); // type byte 0 = JSON in the high 8 bits
        out.write(header);
        out.write(body);
        return bytes.toByteArray();
    }

    private static byte[] binaryFrame(byte[] body) {
        byte[] header = ByteBufUtil.decodeHexDump(""
                + "0069"                 // short code 105
                + "00"                   // byte language JAVA
                + "01c5"                 // short version 453
                + "00000007"             // int opaque 7
                + "00000000"             // int flag 0
                + "00000000"             // int remark length 0 (null)
                + "00000011"             // int ext fields length 17
                + "0005" + "746f706963"  // short 5, "topic"
                + "00000006" + "546f70696341"); // int 6, "TopicA"
        ByteBuf frame = Unpooled.buffer();
        frame.writeInt(4 + header.length + body.length);
        frame.writeInt(0x0100_0000 | header.length); // type byte 1 = ROCKETMQ
        frame.writeBytes(header);
        frame.writeBytes(body);
        return ByteBufUtil.getBytes(frame);
    }

    @Test
    void jsonHeaderMatchesHandWrittenBytes() throws IOException {
        assertArrayEquals(jsonFrame(new byte[0]), TestFrames.encode(routeRequest(SerializeType.JSON), null));
    }

    @Test
    void jsonFrameWithBodyMatchesHandWrittenBytes() throws IOException {
        byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(jsonFrame(body), TestFrames.encode(routeRequest(SerializeType.JSON), body));
    }

    @Test
    void binaryHeaderMatchesHandWrittenBytes() {
        byte[] expected = binaryFrame(new byte[0]);
        assertEquals(4 + 4 + 38, expected.length);
        assertArrayEquals(expected, TestFrames.encode(routeRequest(SerializeType.ROCKETMQ), null));
    }

    @Test
    void binaryFrameWithBodyMatchesHandWrittenBytes() {
        byte[] body = {1, 2, 3};
        assertArrayEquals(binaryFrame(body), TestFrames.encode(routeRequest(SerializeType.ROCKETMQ), body));
    }

    @Test
    void handWrittenJsonFrameDecodes() throws IOException {
        assertDecodesToRouteRequest(jsonFrame(new byte[] {9, 8}), SerializeType.JSON);
    }

    @Test
    void handWrittenBinaryFrameDecodes() {
        assertDecodesToRouteRequest(binaryFrame(new byte[] {9, 8}), SerializeType.ROCKETMQ);
    }

    private static void assertDecodesToRouteRequest(byte[] frame, SerializeType type) {
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        RemotingCommand command = new FrameReader(RemotingFrame.DEFAULT_MAX_FRAME_BYTES).read(in);
        assertNotNull(command);
        assertEquals(105, command.code());
        assertEquals(LanguageCode.JAVA, command.language());
        assertEquals(453, command.version());
        assertEquals(7, command.opaque());
        assertEquals(0, command.flag());
        assertNull(command.remark());
        assertEquals(Map.of("topic", "TopicA"), command.extFields());
        assertEquals(type, command.serializeType());
        assertArrayEquals(new byte[] {9, 8}, command.bodyBytes());
        assertFalse(in.isReadable());
        command.releaseBody();
        assertTrue(in.release(), "the frame buffer is freed once the body slice is released");
    }
}
