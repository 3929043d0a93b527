package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.testing.TestFrames;
import org.tidemq.common.remoting.SerializeType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed headers are reported as faults (never thrown), and the well-formed controls next to them decode. */
class HeaderCodecFaultTest {

    private static String decodeJson(String header, RemotingCommand target) {
        ByteBuf in = Unpooled.copiedBuffer(header, StandardCharsets.UTF_8);
        return JsonHeaderCodec.INSTANCE.decode(in, 0, in.readableBytes(), target);
    }

    private static String decodeJson(String header) {
        return decodeJson(header, new RemotingCommand());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "[]", "{", "{\"code\"", "{\"code\":}", "{\"code\":1,}", "{\"code\":1}x", "{\"code\":1.5}",
        "{\"code\":99999999999}", "{\"code\":\"abc\"}", "{\"code\":-}", "{\"remark\":\"unterminated}",
        "{\"remark\":\"bad \\q escape\"}", "{\"remark\":\"\\u12\"}", "{\"remark\":\"\\uZZZZ\"}",
        "{\"extFields\":{\"k\":}}", "{\"extFields\":{\"k\" \"v\"}}", "{\"extFields\":{1:\"v\"}}",
        "{\"other\":[1,2}", "{\"other\":{\"a\":\"b}}", "{\"code\":1 \"flag\":2}", "{'code':1}"
    })
    void malformedJsonIsAFault(String header) {
        String fault = decodeJson(header);
        assertNotNull(fault, () -> "expected a fault for " + header);
        assertTrue(fault.startsWith("malformed JSON header: "), fault);
    }

    @Test
    void deeplyNestedUnknownValueIsSkippedWithoutRecursion() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);
        RemotingCommand target = new RemotingCommand();
        assertNull(decodeJson("{\"deep\":" + nested + ",\"code\":7}", target));
        assertEquals(7, target.code());
        assertNotNull(decodeJson("{\"deep\":" + "[".repeat(200_000) + ",\"code\":7}"), "unbalanced nesting");
    }

    @Test
    void wellFormedControlDecodesEveryField() {
        RemotingCommand target = new RemotingCommand();
        assertNull(decodeJson("{\"code\":-12,\"extFields\":{\"a\":\"1\",\"b\":null},\"flag\":3,\"language\":\"GO\","
                + "\"opaque\":-2147483648,\"remark\":\"r\\n\",\"serializeTypeCurrentRPC\":\"JSON\","
                + "\"version\":2147483647}",
                target));
        assertEquals(-12, target.code());
        assertEquals(Map.of("a", "1"), target.extFields());
        assertEquals(3, target.flag());
        assertEquals(LanguageCode.GO, target.language());
        assertEquals(Integer.MIN_VALUE, target.opaque());
        assertEquals("r\n", target.remark());
        assertEquals(Integer.MAX_VALUE, target.version());
    }

    @Test
    void absentJsonFieldsTakeRocketMqDefaults() {
        RemotingCommand target = new RemotingCommand().setCode(9).setVersion(9).setRemark("stale");
        assertNull(decodeJson("{}", target));
        assertEquals(0, target.code());
        assertEquals(0, target.version());
        assertEquals(LanguageCode.JAVA, target.language());
        assertNull(target.remark());
        assertNull(target.extFields());
    }

    @Test
    void jsonFromDirectBufferDecodes() {
        byte[] header = "{\"code\":5,\"extFields\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer().writeZero(3).writeBytes(header);
        RemotingCommand target = new RemotingCommand();
        assertNull(JsonHeaderCodec.INSTANCE.decode(direct, 3, header.length, target));
        assertEquals(5, target.code());
        assertEquals("v", target.field("k"));
        direct.release();
    }

    private static ByteBuf binaryHeader(int remarkLength, byte[] remark, int extLength, byte[] ext) {
        ByteBuf header = Unpooled.buffer();
        header.writeShort(310).writeByte(LanguageCode.JAVA.code()).writeShort(453).writeInt(1).writeInt(0);
        header.writeInt(remarkLength).writeBytes(remark);
        header.writeInt(extLength).writeBytes(ext);
        return header;
    }

    private static String decodeBinary(ByteBuf header, RemotingCommand target) {
        return BinaryHeaderCodec.INSTANCE.decode(header, 0, header.readableBytes(), target);
    }

    @Test
    void binaryLengthsBeyondTheHeaderAreFaults() {
        byte[] ab = {'a', 'b'};
        assertTrue(decodeBinary(binaryHeader(3, ab, 0, new byte[0]), new RemotingCommand())
                .contains("remark length 3"));
        assertTrue(decodeBinary(binaryHeader(-1, new byte[0], 0, new byte[0]), new RemotingCommand())
                .contains("remark length -1"));
        assertTrue(decodeBinary(binaryHeader(0, new byte[0], 7, new byte[6]), new RemotingCommand())
                .contains("ext fields length 7"));
        ByteBuf keyTooLong = Unpooled.buffer().writeShort(5).writeBytes(ab).writeInt(0);
        assertTrue(decodeBinary(binaryHeader(0, new byte[0], keyTooLong.readableBytes(),
                io.netty.buffer.ByteBufUtil.getBytes(keyTooLong)), new RemotingCommand()).contains("key length 5"));
        ByteBuf valueTooLong = Unpooled.buffer().writeShort(1).writeByte('k').writeInt(9).writeBytes(ab);
        assertTrue(decodeBinary(binaryHeader(0, new byte[0], valueTooLong.readableBytes(),
                io.netty.buffer.ByteBufUtil.getBytes(valueTooLong)), new RemotingCommand()).contains("value length 9"));
        ByteBuf truncatedKey = Unpooled.buffer().writeByte(0);
        assertTrue(decodeBinary(binaryHeader(0, new byte[0], 1, io.netty.buffer.ByteBufUtil.getBytes(truncatedKey)),
                new RemotingCommand()).contains("truncated"));
        ByteBuf tooShort = Unpooled.buffer().writeZero(BinaryHeaderCodec.MIN_HEADER_BYTES - 1);
        assertTrue(decodeBinary(tooShort, new RemotingCommand()).contains("shorter than"));
    }

    @Test
    void binaryZeroLengthStringsDecodeAsNullAndControlDecodes() {
        ByteBuf ext = Unpooled.buffer()
                .writeShort(1).writeByte('k').writeInt(2).writeBytes(new byte[] {'v', 'w'})
                .writeShort(1).writeByte('e').writeInt(0)
                .writeShort(0).writeInt(1).writeByte('x');
        RemotingCommand target = new RemotingCommand();
        assertNull(decodeBinary(binaryHeader(2, new byte[] {'o', 'k'}, ext.readableBytes(),
                io.netty.buffer.ByteBufUtil.getBytes(ext)), target));
        assertEquals(310, target.code());
        assertEquals(453, target.version());
        assertEquals("ok", target.remark());
        assertEquals(Map.of("k", "vw"), target.extFields());

        RemotingCommand empty = new RemotingCommand();
        assertNull(decodeBinary(binaryHeader(0, new byte[0], 0, new byte[0]), empty));
        assertNull(empty.remark());
        assertNull(empty.extFields());
    }

    @Test
    void unknownBinaryLanguageIsOther() {
        ByteBuf header = binaryHeader(0, new byte[0], 0, new byte[0]);
        header.setByte(BinaryHeaderCodec.CODE_BYTES, 99);
        RemotingCommand target = new RemotingCommand();
        assertNull(decodeBinary(header, target));
        assertEquals(LanguageCode.OTHER, target.language());
    }

    @Test
    void encoderRejectsKeysTheShortLengthCannotCarry() {
        RemotingCommand command = new RemotingCommand().setSerializeType(SerializeType.ROCKETMQ)
                .putField("k".repeat(Short.MAX_VALUE + 1), "v");
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TestFrames.encode(command, null));
        assertTrue(error.getMessage().contains("32767"), error.getMessage());
        RemotingCommand control = new RemotingCommand().setSerializeType(SerializeType.ROCKETMQ)
                .putField("k".repeat(Short.MAX_VALUE), "v");
        assertTrue(TestFrames.encode(control, null).length > Short.MAX_VALUE);
    }
}
